package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Warns when consumer threads are still running after the listener containers' shutdown
 * phase: Spring gave up waiting for them after
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default) and logs that
 * only at INFO. Their records in progress, and the processed offsets not yet committed,
 * are delivered again after the restart (nothing is lost); a platform that kills the
 * process soon after (Kubernetes' {@code terminationGracePeriodSeconds}, systemd's
 * {@code TimeoutStopSec}) makes that more likely. Karafka reports the same situation, its
 * {@code shutdown_timeout} exceeded, as an error.
 * <p>
 * It runs in the phase after the listener containers' (so it stops once they stopped or
 * timed out) and sees the threads that liveness tracks.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ShutdownTimeoutWarning implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ShutdownTimeoutWarning.class);

	private final ConsumerThreads threads;

	private final Duration phaseTimeout;

	private final @Nullable Duration containerShutdownTimeout;

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param threads the tracked consumer threads
	 * @param phaseTimeout the value of
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}, named in the warning
	 */
	public ShutdownTimeoutWarning(ConsumerThreads threads, Duration phaseTimeout) {
		this(threads, phaseTimeout, null);
	}

	/**
	 * Create a new instance that also warns at start when the listener containers wait
	 * for their consumers at least as long as Spring waits for the containers.
	 * @param threads the tracked consumer threads
	 * @param phaseTimeout the value of
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}, named in the warning
	 * @param containerShutdownTimeout the value of {@code karafka.shutdown-timeout}, if
	 * set
	 */
	public ShutdownTimeoutWarning(ConsumerThreads threads, Duration phaseTimeout,
			@Nullable Duration containerShutdownTimeout) {
		this.threads = threads;
		this.phaseTimeout = phaseTimeout;
		this.containerShutdownTimeout = containerShutdownTimeout;
	}

	@Override
	public void start() {
		if (!this.running && this.containerShutdownTimeout != null
				&& this.containerShutdownTimeout.compareTo(this.phaseTimeout) >= 0) {
			logger.warn("karafka.shutdown-timeout (" + this.containerShutdownTimeout.toMillis()
					+ " ms) is not below spring.lifecycle.timeout-per-shutdown-phase (" + this.phaseTimeout.toMillis()
					+ " ms): Spring may stop waiting for the listener containers before they stop, and the records "
					+ "in progress are then delivered again after the restart. Keep karafka.shutdown-timeout below "
					+ "the phase timeout, and the platform's grace period above both.");
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		long now = this.threads.getClock().millis();
		List<ConsumerThreadState> running = this.threads.states()
			.stream()
			.filter((state) -> !state.isConsumerStopped())
			.toList();
		List<String> exiting = running.stream()
			.filter((state) -> isInSystemExit(state.getThread()))
			.map((state) -> describe(state, now))
			.toList();
		List<String> stillRunning = running.stream()
			.filter((state) -> !isInSystemExit(state.getThread()))
			.map((state) -> describe(state, now))
			.toList();
		if (!exiting.isEmpty()) {
			logger.warn("A listener called System.exit: " + exiting + ". The JVM's shutdown waited for the listener "
					+ "containers, which waited for that call to return, until "
					+ "spring.lifecycle.timeout-per-shutdown-phase (" + this.phaseTimeout.toMillis()
					+ " ms) ran out. To end the application from a listener, call SpringApplication.exit and "
					+ "System.exit on a thread of its own, or throw an exception that a stopping error handler "
					+ "handles.");
		}
		if (!stillRunning.isEmpty()) {
			logger.warn("Consumer threads still running when the application stopped waiting for its listener "
					+ "containers (each waits up to its shutdown timeout, karafka.shutdown-timeout, all of them "
					+ "within spring.lifecycle.timeout-per-shutdown-phase: " + this.phaseTimeout.toMillis() + " ms): "
					+ stillRunning
					+ ". Records they were processing, and processed offsets not committed yet, will be delivered "
					+ "again after the restart; a thread blocked in the Kafka client while its group rebalances "
					+ "(the broker waiting for members that left without a word, up to their session.timeout.ms) "
					+ "was processing nothing. A record listener processes the rest of its poll before "
					+ "it stops (up to max.poll.records, karafka.max-messages): raise "
					+ "spring.lifecycle.timeout-per-shutdown-phase above the time of a whole poll's records, and the "
					+ "platform's grace period (terminationGracePeriodSeconds, TimeoutStopSec, docker stop --time) "
					+ "above it; or lower karafka.max-messages, or set spring.kafka.listener.immediate-stop=true to "
					+ "stop after the current record.");
		}
	}

	/**
	 * Return whether a thread is inside {@code System.exit}, which waits for the shutdown
	 * hooks, and so for the application context to close.
	 */
	private static boolean isInSystemExit(Thread thread) {
		for (StackTraceElement frame : thread.getStackTrace()) {
			if ("java.lang.Shutdown".equals(frame.getClassName()) && "exit".equals(frame.getMethodName())) {
				return true;
			}
		}
		return false;
	}

	private static String describe(ConsumerThreadState state, long now) {
		Duration consuming = state.currentConsumption(now);
		return "listener '" + state.getListenerId() + "' on thread '" + state.getThreadName() + "'"
				+ (consuming.isZero() ? "" : " (in a listener call for " + consuming.toMillis() + " ms)");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
	}

}
