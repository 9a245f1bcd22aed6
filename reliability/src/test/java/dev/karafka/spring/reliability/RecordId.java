package dev.karafka.spring.reliability;

/**
 * Identity of one record in the broker: its topic-partition, as Kafka's
 * {@code TopicPartition.toString()} writes it ({@code users_events-3}), and its offset.
 *
 * @param partition the topic-partition
 * @param offset the offset in that partition
 */
record RecordId(String partition, long offset) {

}
