package dev.karafka.spring.admin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.function.Supplier;

import dev.karafka.spring.deadletter.DeadLetterHeaders;
import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.Assert;

/**
 * Consumer-group operations and topic reading of Karafka's {@code Karafka::Admin}, and
 * the replay of dead-letter topics, in the names the application uses: the
 * {@link NamePrefix} is added to the groups and topics given, and removed from the topics
 * of the offsets returned. Each call opens its own admin client or consumer with the
 * settings of Spring Boot's Kafka clients.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaAdmin {

	private final Supplier<Admin> adminClients;

	private final ConsumerFactory<Object, Object> consumerFactory;

	private final Supplier<Producer<byte[], byte[]>> producers;

	private final NamePrefix prefix;

	private final String groupId;

	private final Duration timeout;

	private final AtomicInteger readers = new AtomicInteger();

	/**
	 * Create a new instance.
	 * @param adminClients creates the admin client of each operation
	 * @param consumerFactory creates the consumers that read topics
	 * @param producers creates the producers of raw records that replay dead letters
	 * @param prefix the prefix of the names the broker sees
	 * @param groupId the consumer group of the consumers that read topics
	 * @param timeout the longest time each operation waits for the broker
	 */
	public KarafkaAdmin(Supplier<Admin> adminClients, ConsumerFactory<Object, Object> consumerFactory,
			Supplier<Producer<byte[], byte[]>> producers, NamePrefix prefix, String groupId, Duration timeout) {
		this.adminClients = adminClients;
		this.consumerFactory = consumerFactory;
		this.producers = producers;
		this.prefix = prefix;
		this.groupId = groupId;
		this.timeout = timeout;
	}

	/**
	 * Return the committed offsets of a consumer group.
	 * @param groupId the consumer group
	 * @return the next offset to consume, by partition; empty for an unknown group
	 */
	public Map<TopicPartition, Long> readConsumerGroupOffsets(String groupId) {
		Map<TopicPartition, OffsetAndMetadata> committed = withAdmin("read the offsets of consumer group", groupId,
				(admin) -> admin.listConsumerGroupOffsets(this.prefix.apply(groupId)).partitionsToOffsetAndMetadata());
		Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
		committed.forEach((partition, offset) -> {
			if (offset != null) {
				offsets.put(logical(partition), offset.offset());
			}
		});
		return offsets;
	}

	/**
	 * Move the committed offsets of a consumer group, creating the group if needed. The
	 * group must have no active member: stop its consumers first.
	 * @param groupId the consumer group
	 * @param offsets the next offset to consume, by partition
	 */
	public void seekConsumerGroup(String groupId, Map<TopicPartition, Long> offsets) {
		Map<TopicPartition, OffsetAndMetadata> committed = new LinkedHashMap<>();
		offsets.forEach((partition, offset) -> committed.put(prefixed(partition), new OffsetAndMetadata(offset)));
		withAdmin("seek consumer group", groupId,
				(admin) -> admin.alterConsumerGroupOffsets(this.prefix.apply(groupId), committed).all());
	}

	/**
	 * Delete a consumer group and its committed offsets. The group must have no active
	 * member.
	 * @param groupId the consumer group
	 */
	public void deleteConsumerGroup(String groupId) {
		withAdmin("delete consumer group", groupId,
				(admin) -> admin.deleteConsumerGroups(List.of(this.prefix.apply(groupId))).all());
	}

	/**
	 * Return the number of partitions of a topic, asking the brokers with an admin
	 * client, which never creates a topic (a consumer or producer asking for a missing
	 * topic makes brokers with {@code auto.create.topics.enable} create it).
	 * @param topic the topic
	 * @return the number of partitions, or empty when the topic does not exist
	 * @throws KafkaException when the topic cannot be described, for example when its
	 * name is not valid or the principal may not describe it
	 */
	public OptionalInt partitionCount(String topic) {
		Assert.hasText(topic, "'topic' must not be empty");
		String physical = this.prefix.apply(topic);
		try {
			TopicDescription description = withAdmin("describe topic", topic,
					(admin) -> admin.describeTopics(List.of(physical)).topicNameValues().get(physical));
			return OptionalInt.of(description.partitions().size());
		}
		catch (KafkaException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return OptionalInt.empty();
			}
			throw ex;
		}
	}

	/**
	 * Read the last records of a topic partition, with a consumer of the admin consumer
	 * group that commits nothing. The records show the topic the broker sees (see
	 * {@link NamePrefix#logicalTopic(ConsumerRecord)}).
	 * @param topic the topic
	 * @param partition the partition
	 * @param count the most records to read
	 * @return up to {@code count} records, oldest first, ending with the last one
	 * @throws KafkaException when the topic or partition does not exist (the topic is not
	 * created) or reading fails
	 */
	public List<ConsumerRecord<Object, Object>> readTopic(String topic, int partition, int count) {
		Assert.isTrue(count > 0, "'count' must be positive");
		return read(topic, partition, (beginning, end) -> Math.max(beginning, end - count), Long.MAX_VALUE,
				new Properties());
	}

	/**
	 * Copy every record of a dead-letter topic partition back to the topic and partition
	 * it came from. See {@link #replayDeadLetters(String, int, long, long, String)}.
	 * @param deadLetterTopic the dead-letter topic
	 * @param partition the partition of the dead-letter topic
	 * @return the number of records copied
	 */
	public int replayDeadLetters(String deadLetterTopic, int partition) {
		return replayDeadLetters(deadLetterTopic, partition, 0, Long.MAX_VALUE, null);
	}

	/**
	 * Copy the records of a dead-letter topic partition from {@code startOffset}
	 * (inclusive) to {@code endOffset} (exclusive) back to the topic and partition each
	 * came from: Karafka's {@code source_topic} and {@code source_partition} headers, or
	 * else spring-kafka's {@code kafka_dlt-original-topic} and
	 * {@code kafka_dlt-original-partition}. See
	 * {@link #replayDeadLetters(String, int, long, long, String)}.
	 * @param deadLetterTopic the dead-letter topic
	 * @param partition the partition of the dead-letter topic
	 * @param startOffset the first offset to copy
	 * @param endOffset the offset after the last one to copy
	 * @return the number of records copied
	 */
	public int replayDeadLetters(String deadLetterTopic, int partition, long startOffset, long endOffset) {
		return replayDeadLetters(deadLetterTopic, partition, startOffset, endOffset, null);
	}

	/**
	 * Copy the records of a dead-letter topic partition from {@code startOffset}
	 * (inclusive) to {@code endOffset} (exclusive; offsets past the end are clamped) to
	 * the given topic, or back to the topic and partition each came from. Keys, values
	 * and the record's own headers are copied as bytes; the dead-letter headers
	 * ({@link DeadLetterHeaders#NAMES}) are removed, so that a record that fails again
	 * starts a clean history. The range is read whole before anything is sent, and a
	 * record without source headers fails the call before any copy when no topic is
	 * given.
	 * @param deadLetterTopic the dead-letter topic
	 * @param partition the partition of the dead-letter topic
	 * @param startOffset the first offset to copy
	 * @param endOffset the offset after the last one to copy
	 * @param topic the topic to copy to (the producer chooses the partition), or
	 * {@code null} for the source topic and partition of each record
	 * @return the number of records copied
	 * @throws KafkaException when the dead-letter topic or its partition does not exist
	 * (the topic is not created), reading or sending fails, or a record has no source
	 * headers
	 */
	public int replayDeadLetters(String deadLetterTopic, int partition, long startOffset, long endOffset,
			@Nullable String topic) {
		Assert.isTrue(startOffset >= 0 && startOffset <= endOffset,
				"'startOffset' must be positive and not after 'endOffset'");
		Properties bytes = new Properties();
		bytes.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		bytes.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		List<ConsumerRecord<byte[], byte[]>> records = read(deadLetterTopic, partition,
				(beginning, end) -> Math.max(beginning, startOffset), endOffset, bytes);
		List<ProducerRecord<byte[], byte[]>> copies = records.stream()
			.map((record) -> replayRecord(record, topic))
			.toList();
		String description = "replay dead-letter topic '" + deadLetterTopic + "' partition " + partition;
		try (Producer<byte[], byte[]> producer = this.producers.get()) {
			List<Future<RecordMetadata>> sent = copies.stream().map(producer::send).toList();
			producer.flush();
			for (Future<RecordMetadata> result : sent) {
				result.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while trying to " + description, ex);
		}
		catch (ExecutionException ex) {
			throw new KafkaException("Failed to " + description, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new KafkaException("Timed out trying to " + description, ex);
		}
		return copies.size();
	}

	@SuppressWarnings("unchecked")
	private <K, V> List<ConsumerRecord<K, V>> read(String topic, int partition, LongBinaryOperator start,
			long endOffset, Properties overrides) {
		checkPartitionExists(topic, partition);
		TopicPartition topicPartition = new TopicPartition(this.prefix.apply(topic), partition);
		overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		try (Consumer<Object, Object> consumer = this.consumerFactory.createConsumer(this.prefix.apply(this.groupId),
				"karafka-admin-", String.valueOf(this.readers.incrementAndGet()), overrides)) {
			consumer.assign(List.of(topicPartition));
			long end = Math.min(endOffset,
					consumer.endOffsets(List.of(topicPartition), this.timeout).get(topicPartition));
			long beginning = consumer.beginningOffsets(List.of(topicPartition), this.timeout).get(topicPartition);
			List<ConsumerRecord<K, V>> records = new ArrayList<>();
			long first = start.applyAsLong(beginning, end);
			if (first >= end) {
				return records;
			}
			consumer.seek(topicPartition, first);
			long deadline = System.nanoTime() + this.timeout.toNanos();
			while (consumer.position(topicPartition, this.timeout) < end) {
				if (System.nanoTime() > deadline) {
					throw new KafkaException("Timed out reading topic '" + topic + "' partition " + partition);
				}
				consumer.poll(Duration.ofMillis(100))
					.records(topicPartition)
					.stream()
					.filter((record) -> record.offset() < end)
					.forEach((record) -> records.add((ConsumerRecord<K, V>) record));
			}
			return records;
		}
	}

	private void checkPartitionExists(String topic, int partition) {
		Assert.isTrue(partition >= 0, "'partition' must not be negative");
		int partitions = partitionCount(topic)
			.orElseThrow(() -> new KafkaException("Topic '" + topic + "' does not exist"));
		if (partition >= partitions) {
			throw new KafkaException("Topic '" + topic + "' has " + partitions + " partition(s): partition " + partition
					+ " does not exist");
		}
	}

	private ProducerRecord<byte[], byte[]> replayRecord(ConsumerRecord<byte[], byte[]> record, @Nullable String topic) {
		Headers headers = DeadLetterHeaders.withoutDeadLetterHeaders(record.headers());
		if (topic != null) {
			return new ProducerRecord<>(this.prefix.apply(topic), null, record.key(), record.value(), headers);
		}
		Header sourceTopic = record.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC);
		Header sourcePartition = record.headers().lastHeader(DeadLetterHeaders.SOURCE_PARTITION);
		Header originalTopic = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
		Header originalPartition = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
		if (sourceTopic != null && sourcePartition != null) {
			return new ProducerRecord<>(this.prefix.apply(text(sourceTopic)), Integer.valueOf(text(sourcePartition)),
					record.key(), record.value(), headers);
		}
		if (originalTopic != null && originalPartition != null) {
			return new ProducerRecord<>(this.prefix.apply(text(originalTopic)),
					ByteBuffer.wrap(originalPartition.value()).getInt(), record.key(), record.value(), headers);
		}
		throw new KafkaException("Record " + this.prefix.logicalTopic(record) + "-" + record.partition() + "@"
				+ record.offset()
				+ " has no source topic and partition headers: name the topic to replay it to (karafka.dead-letter-replay.to-topic when replaying from the command line)");
	}

	private static String text(Header header) {
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	private <T extends @Nullable Object> T withAdmin(String action, String subject,
			Function<Admin, KafkaFuture<T>> operation) {
		String description = action + " '" + subject + "'";
		try (Admin admin = this.adminClients.get()) {
			return operation.apply(admin).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while trying to " + description, ex);
		}
		catch (ExecutionException ex) {
			throw new KafkaException("Failed to " + description, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new KafkaException("Timed out trying to " + description, ex);
		}
	}

	private TopicPartition prefixed(TopicPartition partition) {
		return new TopicPartition(this.prefix.apply(partition.topic()), partition.partition());
	}

	private TopicPartition logical(TopicPartition partition) {
		return new TopicPartition(this.prefix.logicalName(partition.topic()), partition.partition());
	}

}
