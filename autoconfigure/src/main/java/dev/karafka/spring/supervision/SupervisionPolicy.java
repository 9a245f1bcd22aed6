package dev.karafka.spring.supervision;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * What the {@link ListenerSupervisor} checks and how far it goes: how often it checks the
 * listener containers, the consuming TTL past which a consumption is stuck (the polling
 * TTL is each consumer thread's own), and when it gives a container up.
 *
 * @param interval the time between two checks
 * @param controllingTtl the longest time without a completed check before liveness is
 * DOWN
 * @param consumingTtl the longest time one consumption may run
 * @param maxRestarts the most restarts of one container within the restart window
 * @param restartWindow the window over which restarts are counted
 * @param maxLeakedThreads the most consumer threads of one container that may ignore the
 * interrupt of a restart
 * @author karafka-spring
 * @since 0.1.0
 */
public record SupervisionPolicy(Duration interval, Duration controllingTtl, Duration consumingTtl, int maxRestarts,
		Duration restartWindow, int maxLeakedThreads) {

	public SupervisionPolicy {
		Assert.isTrue(isPositive(interval), "'interval' must be positive");
		Assert.isTrue(controllingTtl.compareTo(interval) > 0, "'controllingTtl' must be longer than 'interval'");
		Assert.isTrue(isPositive(consumingTtl), "'consumingTtl' must be positive");
		Assert.isTrue(maxRestarts >= 0, "'maxRestarts' must not be negative");
		Assert.isTrue(isPositive(restartWindow), "'restartWindow' must be positive");
		Assert.isTrue(maxLeakedThreads >= 0, "'maxLeakedThreads' must not be negative");
	}

	/**
	 * Return the {@code max.poll.interval.ms} consistent with this policy: the consuming
	 * TTL plus one interval. A consumption within the consuming TTL is never evicted by
	 * Kafka, and a member whose thread ignores the supervisor's interrupt is evicted
	 * right after the supervisor noticed it, so that its partitions reach the other
	 * members.
	 * @return the max poll interval
	 */
	public Duration maxPollInterval() {
		return this.consumingTtl.plus(this.interval);
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
