package dev.karafka.spring.deadletter;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Error handler of Karafka's dead-letter queue: a failed record is retried with the given
 * back-off, then sent to the dead-letter topic and consumption continues. When the
 * dispatch fails, nothing is skipped: the record's partition is paused, alone, for a
 * back-off that doubles from the pause timeout to the pause max timeout; after it the
 * listener gets the record once more and, if it fails again, the dispatch is retried at
 * once. The state shows in {@link DeadLetterDispatchFailures}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class DeadLetterErrorHandler extends DefaultErrorHandler {

	private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);

	private final String topic;

	private final DeadLetterDispatchFailures failures;

	/**
	 * Create a new instance.
	 * @param template supplies the template whose producer factory sends dead-lettered
	 * records
	 * @param topic the dead-letter topic, as the application names it
	 * @param backOff the back-off of the retries before a record is dead-lettered
	 * @param pauseTimeout the first pause of a partition whose dispatch failed
	 * @param pauseMaxTimeout the longest pause of a partition whose dispatch failed
	 * @param headers writes the diagnostic headers
	 * @param failures records the failed dispatches
	 */
	public DeadLetterErrorHandler(Supplier<KafkaOperations<?, ?>> template, String topic, BackOff backOff,
			Duration pauseTimeout, Duration pauseMaxTimeout, DeadLetterHeaders headers,
			DeadLetterDispatchFailures failures) {
		this(new DeadLetterPublisher(template, topic, headers, failures, pauseTimeout, pauseMaxTimeout), topic, backOff,
				failures);
	}

	private DeadLetterErrorHandler(DeadLetterPublisher publisher, String topic, BackOff backOff,
			DeadLetterDispatchFailures failures) {
		super(publisher, backOff);
		this.topic = topic;
		this.failures = failures;
		publisher.setDeliveryAttempts((record) -> deliveryAttempt(
				new TopicPartitionOffset(record.topic(), record.partition(), record.offset())));
		setBackOffFunction((record, exception) -> isStuckAt(record) ? NO_RETRIES : null);
	}

	/**
	 * Return the dead-letter topic, as the application names it.
	 * @return the dead-letter topic
	 */
	public String getTopic() {
		return this.topic;
	}

	private boolean isStuckAt(ConsumerRecord<?, ?> record) {
		return this.failures.isStuckAt(new TopicPartition(record.topic(), record.partition()), record.offset());
	}

	@Override
	public void handleRemaining(Exception thrownException, List<ConsumerRecord<?, ?>> records, Consumer<?, ?> consumer,
			MessageListenerContainer container) {
		try {
			super.handleRemaining(thrownException, records, consumer, container);
		}
		finally {
			ConsumerRecord<?, ?> failed = records.get(0);
			pauseIfDispatchFailed(DeadLetterPublisher.groupId(thrownException),
					new TopicPartition(failed.topic(), failed.partition()), container);
		}
	}

	private void pauseIfDispatchFailed(String groupId, TopicPartition partition, MessageListenerContainer container) {
		Duration pause = this.failures.takePause(groupId, partition);
		if (pause == null) {
			return;
		}
		container.pausePartition(partition);
		CompletableFuture.runAsync(() -> resume(groupId, partition, container),
				CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS));
	}

	private void resume(String groupId, TopicPartition partition, MessageListenerContainer container) {
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		if (assigned == null || !assigned.contains(partition)) {
			this.failures.revoked(groupId, partition);
		}
		container.resumePartition(partition);
	}

}
