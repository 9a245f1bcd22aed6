package dev.karafka.spring.processing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the back-off of {@link ErrorHandlers}.
 *
 * @author karafka-spring
 */
class ErrorHandlersTests {

	@Test
	void withoutDeadLetterQueueRetriesForever() {
		BackOffExecution execution = ErrorHandlers.backOff(settings(false, null), FixedBackOff.UNLIMITED_ATTEMPTS)
			.start();
		for (int i = 0; i < 10_000; i++) {
			assertThat(execution.nextBackOff()).isEqualTo(200);
		}
	}

	@Test
	void withDeadLetterQueueStopsAfterMaxRetries() {
		BackOffExecution execution = ErrorHandlers.backOff(settings(false, "dlq"), 3).start();
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void exponentialBackOffDoublesUpToTheMaxTimeout() {
		BackOffExecution execution = ErrorHandlers.backOff(settings(true, null), FixedBackOff.UNLIMITED_ATTEMPTS)
			.start();
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(400);
		assertThat(execution.nextBackOff()).isEqualTo(800);
		assertThat(execution.nextBackOff()).isEqualTo(1000);
		assertThat(execution.nextBackOff()).isEqualTo(1000);
	}

	private static ListenerSettings settings(boolean exponential, String deadLetterTopic) {
		return new ListenerSettings(true, null, null, null, null, Duration.ofMillis(200), Duration.ofSeconds(1),
				exponential, deadLetterTopic, 3);
	}

}
