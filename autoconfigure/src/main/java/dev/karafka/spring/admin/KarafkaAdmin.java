package dev.karafka.spring.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.util.Assert;

/**
 * Consumer-group operations and topic reading of Karafka's {@code Karafka::Admin}, in the
 * names the application uses: the {@link NamePrefix} is added to the groups and topics
 * given, and removed from the topics of the offsets returned. Each call opens its own
 * admin client or consumer with the settings of Spring Boot's Kafka clients.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaAdmin {

	private final Supplier<Admin> adminClients;

	private final ConsumerFactory<Object, Object> consumerFactory;

	private final NamePrefix prefix;

	private final String groupId;

	private final Duration timeout;

	private final AtomicInteger readers = new AtomicInteger();

	/**
	 * Create a new instance.
	 * @param adminClients creates the admin client of each operation
	 * @param consumerFactory creates the consumers that read topics
	 * @param prefix the prefix of the names the broker sees
	 * @param groupId the consumer group of the consumers that read topics
	 * @param timeout the longest time each operation waits for the broker
	 */
	public KarafkaAdmin(Supplier<Admin> adminClients, ConsumerFactory<Object, Object> consumerFactory,
			NamePrefix prefix, String groupId, Duration timeout) {
		this.adminClients = adminClients;
		this.consumerFactory = consumerFactory;
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
	 * Read the last records of a topic partition, with a consumer of the admin consumer
	 * group that commits nothing. The records show the topic the broker sees (see
	 * {@link NamePrefix#logicalTopic(ConsumerRecord)}).
	 * @param topic the topic
	 * @param partition the partition
	 * @param count the most records to read
	 * @return up to {@code count} records, oldest first, ending with the last one
	 */
	public List<ConsumerRecord<Object, Object>> readTopic(String topic, int partition, int count) {
		Assert.isTrue(count > 0, "'count' must be positive");
		TopicPartition topicPartition = new TopicPartition(this.prefix.apply(topic), partition);
		Properties overrides = new Properties();
		overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		try (Consumer<Object, Object> consumer = this.consumerFactory.createConsumer(this.prefix.apply(this.groupId),
				"karafka-admin-", String.valueOf(this.readers.incrementAndGet()), overrides)) {
			consumer.assign(List.of(topicPartition));
			long end = consumer.endOffsets(List.of(topicPartition), this.timeout).get(topicPartition);
			long beginning = consumer.beginningOffsets(List.of(topicPartition), this.timeout).get(topicPartition);
			consumer.seek(topicPartition, Math.max(beginning, end - count));
			List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
			long deadline = System.nanoTime() + this.timeout.toNanos();
			while (consumer.position(topicPartition, this.timeout) < end) {
				if (System.nanoTime() > deadline) {
					throw new KafkaException("Timed out reading topic '" + topic + "' partition " + partition);
				}
				consumer.poll(Duration.ofMillis(100))
					.records(topicPartition)
					.stream()
					.filter((record) -> record.offset() < end)
					.forEach(records::add);
			}
			return records;
		}
	}

	private <T extends @Nullable Object> T withAdmin(String action, String groupId,
			Function<Admin, KafkaFuture<T>> operation) {
		String description = action + " '" + groupId + "'";
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
