package dev.karafka.spring.processing;

import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Creates the error handler of Karafka's processing settings: a failed record or batch is
 * retried after the pause back-off, fixed or doubling up to the max timeout; with a
 * dead-letter topic, it goes there with Spring's exception headers once its retries are
 * used up, and consumption continues; without one, it is retried forever.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class ErrorHandlers {

	private ErrorHandlers() {
	}

	/**
	 * Create an error handler for the given settings.
	 * @param settings the listener settings
	 * @param template supplies the template that publishes to the dead-letter topic
	 * @return the error handler
	 */
	public static DefaultErrorHandler create(ListenerSettings settings, Supplier<KafkaOperations<?, ?>> template) {
		String deadLetterTopic = settings.deadLetterTopic();
		long attempts = (deadLetterTopic != null) ? settings.deadLetterMaxRetries() : FixedBackOff.UNLIMITED_ATTEMPTS;
		BackOff backOff = backOff(settings, attempts);
		if (deadLetterTopic == null) {
			return new DefaultErrorHandler(backOff);
		}
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer((record) -> template.get(),
				(record, exception) -> new TopicPartition(deadLetterTopic, -1));
		return new DefaultErrorHandler(recoverer, backOff);
	}

	static BackOff backOff(ListenerSettings settings, long attempts) {
		long timeout = settings.pauseTimeout().toMillis();
		if (!settings.pauseWithExponentialBackoff()) {
			return new FixedBackOff(timeout, attempts);
		}
		ExponentialBackOff backOff = new ExponentialBackOff(timeout, 2.0);
		backOff.setMaxInterval(settings.pauseMaxTimeout().toMillis());
		backOff.setMaxAttempts(attempts);
		return backOff;
	}

}
