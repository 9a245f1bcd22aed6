package dev.karafka.spring.liveness;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What one consumer thread of a listener container run is doing: when it last started a
 * poll, since when its current consumption runs, since when its group membership
 * rebalances. Written by the consumer thread, read by probes and metrics; stamps are
 * milliseconds of the {@link ConsumerThreads#getClock() liveness clock}. A restarted
 * container gets new states.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class ConsumerThreadState {

	private static final long NONE = Long.MIN_VALUE;

	private final Object parentContainer;

	private final String listenerId;

	private final Thread thread;

	private final String threadName;

	private final long pollTimeoutMillis;

	private final Duration pollingTtl;

	private volatile long pollStartedAt;

	private volatile long consumptionStartedAt = NONE;

	private volatile long rebalanceStartedAt;

	private volatile @Nullable String unrecoverableReason;

	private volatile boolean consumerStopped;

	ConsumerThreadState(Object parentContainer, String listenerId, Thread thread, Duration pollTimeout,
			Duration pollingTtl, long now, boolean joiningGroup) {
		this.parentContainer = parentContainer;
		this.listenerId = listenerId;
		this.thread = thread;
		this.threadName = thread.getName();
		this.pollTimeoutMillis = pollTimeout.toMillis();
		this.pollingTtl = pollingTtl;
		this.pollStartedAt = now;
		this.rebalanceStartedAt = joiningGroup ? now : NONE;
	}

	Thread getThread() {
		return this.thread;
	}

	Object getParentContainer() {
		return this.parentContainer;
	}

	/**
	 * Return the id of the listener container the thread belongs to.
	 * @return the listener id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * Return the name of the consumer thread.
	 * @return the thread name
	 */
	public String getThreadName() {
		return this.threadName;
	}

	/**
	 * Return the polling TTL that applies to this thread: the configured one, or the
	 * smallest one its container's blocking steps allow when that is longer.
	 * @return the polling TTL
	 */
	public Duration getPollingTtl() {
		return this.pollingTtl;
	}

	/**
	 * Return how long ago the thread last started a poll, counted from the start of its
	 * consumer when it has not polled yet.
	 * @param now the current time in milliseconds of the liveness clock
	 * @return the time since the last poll started
	 */
	public Duration sinceLastPoll(long now) {
		return Duration.ofMillis(Math.max(0, now - this.pollStartedAt));
	}

	/**
	 * Return the time spent in and around the last {@code poll()} beyond the container's
	 * poll timeout (and its idle time between polls, if any): what counts against the
	 * polling TTL. Rebalance callbacks, deserializers and consumer interceptors run
	 * inside {@code poll()}; listener calls, commits and idle events between two polls.
	 * @param now the current time in milliseconds of the liveness clock
	 * @return the time beyond the poll timeout, zero when within it
	 */
	public Duration pollOverrun(long now) {
		return Duration.ofMillis(Math.max(0, now - this.pollStartedAt - this.pollTimeoutMillis));
	}

	/**
	 * Return how long the current consumption (a listener call or a revocation callback)
	 * has been running; zero when none runs.
	 * @param now the current time in milliseconds of the liveness clock
	 * @return the duration of the current consumption
	 */
	public Duration currentConsumption(long now) {
		long startedAt = this.consumptionStartedAt;
		return (startedAt != NONE) ? Duration.ofMillis(Math.max(0, now - startedAt)) : Duration.ZERO;
	}

	/**
	 * Return how long the thread's group membership has been rebalancing (joining the
	 * group without an assignment yet); zero when it is not.
	 * @param now the current time in milliseconds of the liveness clock
	 * @return the duration of the current rebalance
	 */
	public Duration currentRebalance(long now) {
		long startedAt = this.rebalanceStartedAt;
		return (startedAt != NONE) ? Duration.ofMillis(Math.max(0, now - startedAt)) : Duration.ZERO;
	}

	/**
	 * Return why the thread's container run stopped for good, if it did.
	 * @return the reason or {@code null}
	 */
	public @Nullable String getUnrecoverableReason() {
		return this.unrecoverableReason;
	}

	/**
	 * Return whether the thread's consumer has stopped: its container run ended, normally
	 * or not, and the thread left it, or the thread itself ended (spring-kafka does not
	 * publish the stop when closing the consumer fails, as after an eviction).
	 * @return whether the consumer stopped
	 */
	public boolean isConsumerStopped() {
		return this.consumerStopped || !this.thread.isAlive();
	}

	/**
	 * Interrupt the consumer thread, as a supervisor does to a thread stuck in a
	 * consumption, unless its consumer has already stopped (a pooled thread may then run
	 * another container).
	 */
	public void interrupt() {
		if (!isConsumerStopped()) {
			this.thread.interrupt();
		}
	}

	void pollStarting(long now) {
		this.consumptionStartedAt = NONE;
		this.pollStartedAt = now;
	}

	void consumptionStarting(long now) {
		this.consumptionStartedAt = now;
	}

	void consumptionEnded() {
		this.consumptionStartedAt = NONE;
	}

	void revocationStarting(long now) {
		this.consumptionStartedAt = now;
		this.rebalanceStartedAt = now;
	}

	void assigned() {
		this.consumptionStartedAt = NONE;
		this.rebalanceStartedAt = NONE;
	}

	void consumerStopped() {
		this.consumerStopped = true;
	}

	void stoppedUnrecoverably(String reason) {
		this.unrecoverableReason = reason;
		this.consumptionStartedAt = NONE;
		this.rebalanceStartedAt = NONE;
	}

}
