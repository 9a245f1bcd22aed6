package dev.karafka.spring.deadletter;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Tells {@link DeadLetterDispatchFailures} that a partition blocked by a failed dispatch
 * moved on: its listener processed the record after all, or a later one.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class DeadLetterInterceptor implements RecordInterceptor<Object, Object> {

	private final DeadLetterDispatchFailures failures;

	/**
	 * Create a new instance.
	 * @param failures the failed dispatches
	 */
	public DeadLetterInterceptor(DeadLetterDispatchFailures failures) {
		this.failures = failures;
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		return record;
	}

	@Override
	public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		if (!this.failures.hasStuckPartitions()) {
			return;
		}
		this.failures.processed(consumer.groupMetadata().groupId(),
				new TopicPartition(record.topic(), record.partition()), record.offset());
	}

}
