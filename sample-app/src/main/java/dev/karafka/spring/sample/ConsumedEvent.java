package dev.karafka.spring.sample;

/**
 * A users event as this instance consumed it.
 *
 * @param userId id of the user the event is about
 * @param payload event payload
 * @param partition partition the event was read from
 * @param offset offset of the event in its partition
 */
record ConsumedEvent(String userId, String payload, int partition, long offset) {

}
