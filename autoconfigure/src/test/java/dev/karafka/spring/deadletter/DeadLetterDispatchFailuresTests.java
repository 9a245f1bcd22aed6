package dev.karafka.spring.deadletter;

import java.time.Duration;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures.StuckPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeadLetterDispatchFailures}.
 *
 * @author karafka-spring
 */
class DeadLetterDispatchFailuresTests {

	private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);

	private final DeadLetterDispatchFailures failures = new DeadLetterDispatchFailures();

	@Test
	void backOffDoublesFromThePauseTimeoutUpToTheMaxTimeout() {
		assertThat(backOffAfter(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(backOffAfter(2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backOffAfter(3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backOffAfter(7)).isEqualTo(Duration.ofSeconds(30));
		assertThat(backOffAfter(500)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void repeatedFailuresOfOneRecordAccumulateAndEachIsCounted() {
		fail(10, new RecordTooLargeException("too large"));
		StuckPartition stuck = fail(10, new TopicAuthorizationException("denied"));
		assertThat(stuck.failures()).isEqualTo(2);
		assertThat(stuck.cause()).isEqualTo("TopicAuthorizationException");
		assertThat(this.failures.failureCount()).isEqualTo(2);
		assertThat(this.failures.stuckPartitions()).containsExactly(stuck);
		assertThat(this.failures.isStuckAt(ORDERS_1, 10)).isTrue();
		assertThat(this.failures.takePause("billing", ORDERS_1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.failures.takePause("billing", ORDERS_1)).isNull();
	}

	@Test
	void aLaterRecordStartsAFreshHistory() {
		fail(10, new RecordTooLargeException("too large"));
		assertThat(fail(11, new RecordTooLargeException("too large")).failures()).isEqualTo(1);
	}

	@Test
	void partitionIsNoLongerStuckOnceItsRecordIsDispatchedOrProcessedOrRevoked() {
		fail(10, new RecordTooLargeException("too large"));
		this.failures.processed("billing", ORDERS_1, 9);
		assertThat(this.failures.hasStuckPartitions()).isTrue();
		this.failures.processed("billing", ORDERS_1, 10);
		assertThat(this.failures.hasStuckPartitions()).isFalse();
		fail(12, new RecordTooLargeException("too large"));
		this.failures.dispatched("billing", ORDERS_1, 12);
		assertThat(this.failures.stuckPartitions()).isEmpty();
		fail(13, new RecordTooLargeException("too large"));
		this.failures.revoked("billing", ORDERS_1);
		assertThat(this.failures.stuckPartitions()).isEmpty();
		assertThat(this.failures.failureCount()).isEqualTo(3);
	}

	private StuckPartition fail(long offset, Exception cause) {
		return this.failures.failed("billing", ORDERS_1, offset, "billing", "orders", "orders-dlq", 4, cause,
				Duration.ofMillis(500), Duration.ofSeconds(30));
	}

	private static Duration backOffAfter(int failures) {
		return DeadLetterDispatchFailures.backOff(failures, Duration.ofMillis(500), Duration.ofSeconds(30));
	}

}
