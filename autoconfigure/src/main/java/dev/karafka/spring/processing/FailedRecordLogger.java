package dev.karafka.spring.processing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;

/**
 * Logs listener failures as Karafka's logger logs consumption errors, once per record
 * rather than once per retry: a WARN with the exception when a record first fails (it is
 * then retried after the pause back-off, forever without a dead-letter topic), and a WARN
 * naming the topic when it is sent to its dead-letter topic. Retries, including those of
 * a record whose dead-letter dispatch failed, are logged at DEBUG.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class FailedRecordLogger implements RetryListener {

	private static final Log logger = LogFactory.getLog(FailedRecordLogger.class);

	private final Map<TopicPartition, Long> failingOffsets = new ConcurrentHashMap<>();

	private final @Nullable String deadLetterTopic;

	/**
	 * Create a new instance.
	 * @param deadLetterTopic the topic failed records go to once their retries are used
	 * up, or {@code null} if they are retried forever
	 */
	public FailedRecordLogger(@Nullable String deadLetterTopic) {
		this.deadLetterTopic = deadLetterTopic;
	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {
		Long previous = this.failingOffsets.put(new TopicPartition(record.topic(), record.partition()),
				record.offset());
		if (isInterruption(ex)) {
			logger.warn("Listener interrupted on record " + describe(record) + " (its container is stopping, as in a "
					+ "restart by the supervisor): the record is delivered again once its partition is consumed again");
		}
		else if (previous == null || previous != record.offset()) {
			logger.warn("Listener failed on record " + describe(record) + "; retrying it after the pause back-off", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Listener failed again on record " + describe(record) + " (attempt " + deliveryAttempt + ")");
		}
	}

	@Override
	public void recovered(ConsumerRecord<?, ?> record, @Nullable Exception ex) {
		this.failingOffsets.remove(new TopicPartition(record.topic(), record.partition()));
		Throwable failure = (ex instanceof ListenerExecutionFailedException && ex.getCause() != null) ? ex.getCause()
				: ex;
		logger.warn("Record " + describe(record) + " failed its retries and was sent to dead-letter topic '"
				+ this.deadLetterTopic + "'"
				+ ((failure != null) ? " (" + failure.getClass().getSimpleName() + ")" : ""));
	}

	/**
	 * Return whether a failure comes from an interrupt of the consumer thread, which only
	 * a stop of its container (the supervisor's) makes.
	 */
	private static boolean isInterruption(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException) {
				return true;
			}
		}
		return false;
	}

	private static String describe(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
