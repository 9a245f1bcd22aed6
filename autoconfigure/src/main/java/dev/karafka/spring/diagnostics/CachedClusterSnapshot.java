package dev.karafka.spring.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.karafka.spring.naming.NamePrefix;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link ClusterSnapshot} reused for a time to live, taken on a thread of its own so
 * that callers never wait longer than the timeout: a caller that runs out of time gets an
 * unavailable snapshot while the inspection goes on, and concurrent callers share one
 * inspection, as the readiness check does.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class CachedClusterSnapshot implements AutoCloseable {

	private final Supplier<ClusterSnapshot> inspection;

	private final Duration timeout;

	private final Duration timeToLive;

	private final Clock clock;

	private final Supplier<ClusterAccessFailure> timedOut;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "karafka-cluster-snapshot");
		thread.setDaemon(true);
		return thread;
	});

	private @Nullable CompletableFuture<ClusterSnapshot> running;

	private @Nullable ClusterSnapshot last;

	private Instant expiresAt = Instant.MIN;

	/**
	 * Create a new instance.
	 * @param inspection takes a snapshot, bounded by its own timeout
	 * @param timeout the longest time a caller waits
	 * @param timeToLive how long a snapshot is reused
	 * @param clock the clock of the time to live
	 */
	public CachedClusterSnapshot(Supplier<ClusterSnapshot> inspection, Duration timeout, Duration timeToLive,
			Clock clock) {
		this(inspection, () -> ClusterAccessFailure.timedOut(timeout.toMillis()), timeout, timeToLive, clock);
	}

	/**
	 * Create a new instance.
	 * @param inspection takes a snapshot, bounded by its own timeout
	 * @param timedOut the failure a caller gets when no snapshot was taken within the
	 * timeout (see {@link ClusterInspector#timedOut()})
	 * @param timeout the longest time a caller waits
	 * @param timeToLive how long a snapshot is reused
	 * @param clock the clock of the time to live
	 */
	public CachedClusterSnapshot(Supplier<ClusterSnapshot> inspection, Supplier<ClusterAccessFailure> timedOut,
			Duration timeout, Duration timeToLive, Clock clock) {
		Assert.notNull(inspection, "'inspection' must not be null");
		Assert.notNull(timedOut, "'timedOut' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		Assert.isTrue(!timeToLive.isNegative(), "'timeToLive' must not be negative");
		Assert.notNull(clock, "'clock' must not be null");
		this.inspection = inspection;
		this.timeout = timeout;
		this.timeToLive = timeToLive;
		this.clock = clock;
		this.timedOut = timedOut;
	}

	/**
	 * Return the last snapshot while it is fresh, otherwise a new one, waiting at most
	 * the timeout for it.
	 * @return the snapshot, unavailable when none was taken within the timeout
	 */
	public ClusterSnapshot get() {
		CompletableFuture<ClusterSnapshot> future;
		synchronized (this) {
			if (this.last != null && this.clock.instant().isBefore(this.expiresAt)) {
				return this.last;
			}
			if (this.running == null || this.running.isDone()) {
				this.running = CompletableFuture.supplyAsync(this::inspectAndStore, this.executor);
			}
			future = this.running;
		}
		try {
			return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return ClusterSnapshot.unavailable(this.timedOut.get());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ClusterSnapshot.unavailable(this.timedOut.get());
		}
		catch (ExecutionException ex) {
			return ClusterSnapshot.unavailable(ClusterAccessFailure.of(ex.getCause(), NamePrefix.NONE));
		}
	}

	private ClusterSnapshot inspectAndStore() {
		ClusterSnapshot snapshot = this.inspection.get();
		synchronized (this) {
			this.last = snapshot;
			this.expiresAt = this.clock.instant().plus(this.timeToLive);
		}
		return snapshot;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
