package dev.karafka.spring.processing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The processing settings of a listener container, after per-topic overrides.
 *
 * @param active whether the container starts
 * @param concurrency the consumer threads, or {@code null} to leave the container's
 * @param maxMessages the most records per poll, or {@code null} to leave the consumer's
 * @param maxWaitTime the longest wait of a poll, or {@code null} to leave the consumer's
 * @param initialOffset where a group without committed offsets starts, or {@code null}
 * @param pauseTimeout the back-off before the first retry
 * @param pauseMaxTimeout the longest back-off when it grows exponentially
 * @param pauseWithExponentialBackoff whether the back-off doubles with each retry
 * @param deadLetterTopic the dead-letter topic, or {@code null} to retry forever
 * @param deadLetterMaxRetries the retries before a record goes to the dead-letter topic
 * @author karafka-spring
 * @since 0.1.0
 */
public record ListenerSettings(boolean active, @Nullable Integer concurrency, @Nullable Integer maxMessages,
		@Nullable Duration maxWaitTime, @Nullable InitialOffset initialOffset, Duration pauseTimeout,
		Duration pauseMaxTimeout, boolean pauseWithExponentialBackoff, @Nullable String deadLetterTopic,
		int deadLetterMaxRetries) {

}
