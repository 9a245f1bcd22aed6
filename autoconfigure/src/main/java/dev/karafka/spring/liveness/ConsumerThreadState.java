package dev.karafka.spring.liveness;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What one consumer thread of a listener container is doing: when it last polled, and
 * since when its current consumption runs. Written by the consumer thread, read by probes
 * and metrics; stamps are {@link System#nanoTime()} values.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class ConsumerThreadState {

	private final String listenerId;

	private final String threadName;

	private volatile boolean tracked;

	private volatile boolean polling;

	private volatile long lastPollNanos;

	private volatile boolean consuming;

	private volatile long consumptionStartNanos;

	private volatile @Nullable String unrecoverableReason;

	ConsumerThreadState(String listenerId, String threadName) {
		this.listenerId = listenerId;
		this.threadName = threadName;
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
	 * Return whether the thread has started polling through a tracked container.
	 * @return whether the thread is tracked
	 */
	public boolean isTracked() {
		return this.tracked;
	}

	/**
	 * Return how long ago the thread last returned from {@code poll()}; zero while it is
	 * inside {@code poll()}.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the time since the last poll
	 */
	public Duration sinceLastPoll(long nowNanos) {
		return (this.polling || !this.tracked) ? Duration.ZERO : Duration.ofNanos(nowNanos - this.lastPollNanos);
	}

	/**
	 * Return how long the current consumption has been running; zero when none runs.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the duration of the current consumption
	 */
	public Duration currentConsumption(long nowNanos) {
		return this.consuming ? Duration.ofNanos(nowNanos - this.consumptionStartNanos) : Duration.ZERO;
	}

	/**
	 * Return why the thread's container stopped for good, if it did.
	 * @return the reason or {@code null}
	 */
	public @Nullable String getUnrecoverableReason() {
		return this.unrecoverableReason;
	}

	void pollStarting() {
		this.tracked = true;
		this.polling = true;
	}

	void pollEnded(long nowNanos) {
		if (this.polling) {
			this.lastPollNanos = nowNanos;
			this.polling = false;
		}
	}

	void consumptionStarting(long nowNanos) {
		pollEnded(nowNanos);
		this.consumptionStartNanos = nowNanos;
		this.consuming = true;
	}

	void consumptionEnded() {
		this.consuming = false;
	}

	void stoppedUnrecoverably(String reason) {
		this.unrecoverableReason = reason;
		this.consuming = false;
	}

}
