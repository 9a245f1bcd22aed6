package dev.karafka.spring.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures.StuckPartition;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Sends failed records to a dead-letter topic with {@link DeadLetterHeaders} replacing
 * those of earlier hops, to the partition of the same number modulo the dead-letter
 * topic's partition count (so records of one source partition keep their order), and
 * retries a record too large for the topic with trimmed headers. A failed dispatch is
 * recorded in {@link DeadLetterDispatchFailures} and thrown as a
 * {@link DeadLetterDispatchException}, so that the record stays where it is.
 *
 * @author karafka-spring
 */
class DeadLetterPublisher extends DeadLetterPublishingRecoverer {

	private final Supplier<KafkaOperations<?, ?>> template;

	private final String topic;

	private final DeadLetterHeaders headers;

	private final DeadLetterDispatchFailures failures;

	private final Duration pauseTimeout;

	private final Duration pauseMaxTimeout;

	private final Map<String, Integer> partitionCounts;

	private ToIntFunction<ConsumerRecord<?, ?>> deliveryAttempts = (record) -> 1;

	DeadLetterPublisher(Supplier<KafkaOperations<?, ?>> template, String topic, DeadLetterHeaders headers,
			DeadLetterDispatchFailures failures, Duration pauseTimeout, Duration pauseMaxTimeout) {
		this(template, topic, headers, failures, pauseTimeout, pauseMaxTimeout, new ConcurrentHashMap<>());
	}

	private DeadLetterPublisher(Supplier<KafkaOperations<?, ?>> template, String topic, DeadLetterHeaders headers,
			DeadLetterDispatchFailures failures, Duration pauseTimeout, Duration pauseMaxTimeout,
			Map<String, Integer> partitionCounts) {
		super((record) -> template.get(), (record, exception) -> destination(topic, record, partitionCounts));
		this.template = template;
		this.topic = topic;
		this.headers = headers;
		this.failures = failures;
		this.pauseTimeout = pauseTimeout;
		this.pauseMaxTimeout = pauseMaxTimeout;
		this.partitionCounts = partitionCounts;
		excludeHeader(HeaderNames.HeadersToAdd.values());
		setVerifyPartition(false);
		setExceptionHeadersCreator(
				(target, exception, key, names) -> this.headers.addExceptionHeaders(target, exception, key));
		addHeadersFunction(this::sourceHeaders);
	}

	void setDeliveryAttempts(ToIntFunction<ConsumerRecord<?, ?>> deliveryAttempts) {
		this.deliveryAttempts = deliveryAttempts;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
		String groupId = groupId(exception);
		TopicPartition source = new TopicPartition(record.topic(), record.partition());
		try {
			this.partitionCounts.put(this.topic, partitionCount());
			super.accept(withoutDeadLetterHeaders(record), consumer, exception);
		}
		catch (RuntimeException ex) {
			StuckPartition stuck = this.failures.failed(groupId, source, record.offset(),
					this.headers.prefix().logicalName(groupId), this.headers.prefix().logicalTopic(record), this.topic,
					attempts(record, groupId), DeadLetterHeaders.rootCause(ex), this.pauseTimeout,
					this.pauseMaxTimeout);
			throw new DeadLetterDispatchException(stuck, source, groupId, ex);
		}
		this.failures.dispatched(groupId, source, record.offset());
	}

	@Override
	protected void send(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> kafkaTemplate,
			ConsumerRecord<?, ?> inRecord) {
		if (kafkaTemplate.isTransactional() && !kafkaTemplate.inTransaction()
				&& !kafkaTemplate.isAllowNonTransactional()) {
			kafkaTemplate.executeInTransaction((operations) -> {
				publish(outRecord, operations, inRecord);
				return null;
			});
		}
		else {
			publish(outRecord, kafkaTemplate, inRecord);
		}
	}

	@Override
	protected void publish(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> kafkaTemplate,
			ConsumerRecord<?, ?> inRecord) {
		try {
			sendAndWait(outRecord, kafkaTemplate);
		}
		catch (KafkaException ex) {
			if (!(DeadLetterHeaders.rootCause(ex) instanceof RecordTooLargeException)) {
				throw ex;
			}
			sendTrimmed(outRecord, kafkaTemplate, inRecord);
		}
	}

	/**
	 * Send a record refused as too large again with trimmed diagnostic headers. Refused
	 * again, the record itself is too large: the failure says so, with its size.
	 */
	private void sendTrimmed(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> kafkaTemplate,
			ConsumerRecord<?, ?> inRecord) {
		try {
			sendAndWait(
					new ProducerRecord<>(outRecord.topic(), outRecord.partition(), outRecord.timestamp(),
							outRecord.key(), outRecord.value(), DeadLetterHeaders.trim(outRecord.headers())),
					kafkaTemplate);
		}
		catch (KafkaException ex) {
			if (!(DeadLetterHeaders.rootCause(ex) instanceof RecordTooLargeException tooLarge)) {
				throw ex;
			}
			throw new KafkaException("Dead-letter publication to '" + outRecord.topic() + "' failed",
					new RecordTooLargeException(tooLarge.getMessage() + " Sent again without the stack-trace "
							+ "header, the record itself is still too large: its key and value take "
							+ (Math.max(0, inRecord.serializedKeySize()) + Math.max(0, inRecord.serializedValueSize()))
							+ " bytes."));
		}
	}

	private void sendAndWait(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> kafkaTemplate) {
		String failure = "Dead-letter publication to '" + outRecord.topic() + "' failed";
		try {
			kafkaTemplate.send(outRecord).get(determineSendTimeout(kafkaTemplate).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException(failure, ex);
		}
		catch (ExecutionException ex) {
			throw new KafkaException(failure, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new KafkaException(failure, ex);
		}
	}

	private int partitionCount() {
		List<PartitionInfo> partitions = this.template.get().partitionsFor(this.topic);
		if (partitions == null || partitions.isEmpty()) {
			throw new UnknownTopicOrPartitionException("Dead-letter topic '" + this.topic + "' does not exist");
		}
		return partitions.size();
	}

	private Headers sourceHeaders(ConsumerRecord<?, ?> record, Exception exception) {
		String groupId = groupId(exception);
		Headers source = new RecordHeaders();
		this.headers.addSourceHeaders(source, record, groupId.isEmpty() ? null : groupId, attempts(record, groupId));
		return source;
	}

	private int attempts(ConsumerRecord<?, ?> record, String groupId) {
		StuckPartition stuck = this.failures.stuckAt(groupId, new TopicPartition(record.topic(), record.partition()),
				record.offset());
		return ((stuck != null) ? stuck.attempts() : 0) + Math.max(1, this.deliveryAttempts.applyAsInt(record) - 1);
	}

	static String groupId(@Nullable Exception exception) {
		String groupId = (exception instanceof ListenerExecutionFailedException failed) ? failed.getGroupId() : null;
		return (groupId != null) ? groupId : "";
	}

	private static ConsumerRecord<?, ?> withoutDeadLetterHeaders(ConsumerRecord<?, ?> record) {
		return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
				record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
				record.value(), DeadLetterHeaders.withoutDeadLetterHeaders(record.headers()), record.leaderEpoch());
	}

	private static TopicPartition destination(String topic, ConsumerRecord<?, ?> record,
			Map<String, Integer> partitionCounts) {
		Integer count = partitionCounts.get(topic);
		return new TopicPartition(topic, (count != null) ? record.partition() % count : -1);
	}

}
