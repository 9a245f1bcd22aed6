package dev.karafka.spring.readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.NetworkException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.event.ConsumerRetryAuthEvent.Reason;
import org.springframework.util.Assert;

/**
 * Readiness of the Kafka cluster: UP when a broker describes the cluster within the
 * timeout to an {@link Admin} client built from {@link KafkaAdmin}'s configuration, and
 * no listener retries authentication or authorization. The result of a check is reused
 * for the cache time to live and concurrent calls never start a second check, so probes
 * never pile up admin requests. DOWN details name the {@code cause} ({@code unreachable},
 * {@code authentication}, {@code authorization} or {@code error}) and the Kafka client's
 * {@code error} message, never configuration values, and a {@code hint} detail while
 * {@link ReadinessHints} have one, saying which setting to look at. One warning is logged
 * when a cause starts and one line when the cluster is ready again; failures' stack
 * traces are logged at DEBUG.
 * <p>
 * The first check can run in the background from start-up ({@link #deferFirstCheck()},
 * {@link #checkInBackground()}); until it completes, health calls answer at once with
 * {@code OUT_OF_SERVICE} and the detail {@code check: running}, so that the first probe
 * or {@code /actuator/health} request never waits for the cluster.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KafkaClusterHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private static final String UNREACHABLE = "unreachable";

	private static final String AUTHENTICATION = "authentication";

	private static final String AUTHORIZATION = "authorization";

	private static final String ERROR = "error";

	private static final Map<String, Object> BACK_OFF = Map.of(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 1000,
			AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10000, AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 1000,
			AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 10000, AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG,
			"none");

	private static final Log logger = LogFactory.getLog(KafkaClusterHealthIndicator.class);

	private final Supplier<Admin> adminFactory;

	private final ListenerAuthRetryTracker authRetryTracker;

	private final Duration timeout;

	private final Duration cacheTimeToLive;

	private final Clock clock;

	private final ReadinessHints hints;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable Admin admin;

	private volatile boolean closed;

	private volatile boolean backgroundCheckRunning;

	private final AtomicBoolean backgroundCheckStarted = new AtomicBoolean();

	private volatile @Nullable CheckResult lastResult;

	/**
	 * Create a new instance.
	 * @param kafkaAdmin the admin whose configuration the admin client of the checks uses
	 * @param authRetryTracker the tracker of listeners that retry authentication or
	 * authorization
	 * @param timeout the longest time one check of the cluster may take
	 * @param cacheTimeToLive how long the result of a check is reused
	 */
	public KafkaClusterHealthIndicator(KafkaAdmin kafkaAdmin, ListenerAuthRetryTracker authRetryTracker,
			Duration timeout, Duration cacheTimeToLive) {
		this(kafkaAdmin, authRetryTracker, timeout, cacheTimeToLive, ReadinessHints.NONE);
	}

	/**
	 * Create a new instance that tells the given hints the outcome of each check and
	 * shows their {@code hint}.
	 * @param kafkaAdmin the admin whose configuration the admin client of the checks uses
	 * @param authRetryTracker the tracker of listeners that retry authentication or
	 * authorization
	 * @param timeout the longest time one check of the cluster may take
	 * @param cacheTimeToLive how long the result of a check is reused
	 * @param hints the hints
	 */
	public KafkaClusterHealthIndicator(KafkaAdmin kafkaAdmin, ListenerAuthRetryTracker authRetryTracker,
			Duration timeout, Duration cacheTimeToLive, ReadinessHints hints) {
		this(() -> Admin.create(withBackOff(kafkaAdmin.getConfigurationProperties())), authRetryTracker, timeout,
				cacheTimeToLive, Clock.systemUTC(), hints);
	}

	/**
	 * Return the given admin client configuration with the readiness client's back-off:
	 * reconnections and retries back off up to ten seconds, and the client does not
	 * re-bootstrap (Kafka's {@code metadata.recovery.strategy}), which it would do in a
	 * loop, logging each time, while no broker accepts its connections. Settings of the
	 * application win.
	 * @param configuration the admin client configuration
	 * @return a new configuration with the back-off settings added
	 */
	static Map<String, Object> withBackOff(Map<String, Object> configuration) {
		Map<String, Object> withBackOff = new HashMap<>(configuration);
		BACK_OFF.forEach(withBackOff::putIfAbsent);
		return withBackOff;
	}

	KafkaClusterHealthIndicator(Supplier<Admin> adminFactory, ListenerAuthRetryTracker authRetryTracker,
			Duration timeout, Duration cacheTimeToLive, Clock clock) {
		this(adminFactory, authRetryTracker, timeout, cacheTimeToLive, clock, ReadinessHints.NONE);
	}

	KafkaClusterHealthIndicator(Supplier<Admin> adminFactory, ListenerAuthRetryTracker authRetryTracker,
			Duration timeout, Duration cacheTimeToLive, Clock clock, ReadinessHints hints) {
		super("Kafka cluster health check failed");
		Assert.notNull(adminFactory, "'adminFactory' must not be null");
		Assert.notNull(authRetryTracker, "'authRetryTracker' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		Assert.isTrue(!cacheTimeToLive.isNegative(), "'cacheTimeToLive' must not be negative");
		this.adminFactory = adminFactory;
		this.authRetryTracker = authRetryTracker;
		this.timeout = timeout;
		this.cacheTimeToLive = cacheTimeToLive;
		this.clock = clock;
		this.hints = hints;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Health cluster = clusterHealth();
		builder.status(cluster.getStatus()).withDetails(cluster.getDetails());
		Map<String, Reason> retryingListeners = this.authRetryTracker.getRetryingListeners();
		if (!retryingListeners.isEmpty()) {
			builder.down().withDetail("listeners", describe(retryingListeners));
			if (Status.UP.equals(cluster.getStatus())) {
				builder.withDetail("cause", describe(retryingListeners.containsValue(Reason.AUTHENTICATION)
						? Reason.AUTHENTICATION : Reason.AUTHORIZATION));
			}
		}
		String hint = this.hints.hint();
		if (hint != null) {
			builder.withDetail("hint", hint);
		}
	}

	/**
	 * Answer health calls at once with {@code OUT_OF_SERVICE} until the first check,
	 * started later with {@link #checkInBackground()}, has a result: for start-up, where
	 * the check waits until the application's own work is done.
	 */
	public void deferFirstCheck() {
		this.backgroundCheckRunning = true;
	}

	/**
	 * Start the first check of the cluster on a daemon thread, so that health calls made
	 * while it runs answer at once with {@code OUT_OF_SERVICE} instead of waiting for it.
	 * Does nothing once a check has a result or a background check has started.
	 */
	public void checkInBackground() {
		if (this.lastResult != null || !this.backgroundCheckStarted.compareAndSet(false, true)) {
			return;
		}
		this.backgroundCheckRunning = true;
		Thread thread = new Thread(() -> {
			this.lock.lock();
			try {
				checkUnlessFresh();
			}
			finally {
				this.backgroundCheckRunning = false;
				this.lock.unlock();
			}
		}, "karafka-readiness-check");
		thread.setDaemon(true);
		thread.start();
	}

	private Health clusterHealth() {
		CheckResult last = this.lastResult;
		if (last != null && last.isFreshAt(this.clock.instant())) {
			return last.health();
		}
		if (last == null && this.backgroundCheckRunning) {
			return Health.outOfService().withDetail("check", "running").build();
		}
		if (!this.lock.tryLock()) {
			return (last != null) ? last.health() : awaitRunningCheck();
		}
		try {
			return checkUnlessFresh();
		}
		finally {
			this.lock.unlock();
		}
	}

	private Health awaitRunningCheck() {
		try {
			if (!this.lock.tryLock(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return down(UNREACHABLE, "No result of the running check within " + this.timeout.toMillis() + " ms");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return down(ERROR, "Interrupted while waiting for the running check");
		}
		try {
			return checkUnlessFresh();
		}
		finally {
			this.lock.unlock();
		}
	}

	private Health checkUnlessFresh() {
		CheckResult last = this.lastResult;
		if (last != null && last.isFreshAt(this.clock.instant())) {
			return last.health();
		}
		Health health = check();
		logIfChanged((last != null) ? last.health() : null, health);
		this.lastResult = new CheckResult(health, this.clock.instant().plus(this.cacheTimeToLive));
		return health;
	}

	private void logIfChanged(@Nullable Health previous, Health current) {
		if (this.closed) {
			return;
		}
		Object previousCause = (previous != null) ? previous.getDetails().get("cause") : null;
		Object cause = current.getDetails().get("cause");
		if (cause != null && !cause.equals(previousCause)) {
			logger.warn("Kafka cluster is not ready (" + cause + "): " + current.getDetails().get("error"));
		}
		else if (cause == null && previousCause != null) {
			logger.info("Kafka cluster is ready again");
		}
	}

	private Health check() {
		try {
			DescribeClusterResult result = getAdmin()
				.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis()));
			KafkaFuture.allOf(result.clusterId(), result.nodes()).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			reportToHints(null);
			return Health.up()
				.withDetail("clusterId", result.clusterId().get())
				.withDetail("nodes", result.nodes().get().size())
				.build();
		}
		catch (ExecutionException ex) {
			reportToHints((ex.getCause() != null) ? ex.getCause() : ex);
			return down(ex);
		}
		catch (TimeoutException ex) {
			String error = "No broker answered within " + this.timeout.toMillis() + " ms";
			reportToHints(new org.apache.kafka.common.errors.TimeoutException(error));
			return down(UNREACHABLE, error);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return down(ERROR, "Interrupted while describing the cluster");
		}
		catch (RuntimeException ex) {
			reportToHints(ex);
			return down(ex);
		}
	}

	private void reportToHints(@Nullable Throwable failure) {
		if (!this.closed) {
			this.hints.clusterChecked(failure);
		}
	}

	private Admin getAdmin() {
		Assert.state(!this.closed, "Kafka cluster health indicator has been closed");
		Admin admin = this.admin;
		if (admin == null) {
			admin = this.adminFactory.get();
			this.admin = admin;
			if (this.closed) {
				admin.close(Duration.ZERO);
				throw new IllegalStateException("Kafka cluster health indicator has been closed");
			}
		}
		return admin;
	}

	private int timeoutMillis() {
		return (int) Math.min(this.timeout.toMillis(), Integer.MAX_VALUE);
	}

	/**
	 * Close the admin client without waiting: a running check ends at once as
	 * {@code error}.
	 */
	@Override
	public void close() {
		this.closed = true;
		Admin admin = this.admin;
		if (admin != null) {
			admin.close(Duration.ZERO);
		}
	}

	private static Health down(Throwable failure) {
		logger.debug("Kafka cluster check failed", failure);
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof AuthenticationException) {
				return down(AUTHENTICATION, candidate);
			}
			if (candidate instanceof AuthorizationException) {
				return down(AUTHORIZATION, candidate);
			}
			if (candidate instanceof org.apache.kafka.common.errors.TimeoutException
					|| candidate instanceof NetworkException || candidate instanceof DisconnectException) {
				return down(UNREACHABLE, candidate);
			}
		}
		return down(ERROR, failure);
	}

	private static Health down(String cause, Throwable failure) {
		String message = failure.getMessage();
		return down(cause, (message != null) ? message : failure.getClass().getName());
	}

	private static Health down(String cause, String error) {
		return Health.down().withDetail("cause", cause).withDetail("error", error).build();
	}

	private static Map<String, String> describe(Map<String, Reason> retryingListeners) {
		Map<String, String> listeners = new LinkedHashMap<>();
		retryingListeners.forEach((listenerId, reason) -> listeners.put(listenerId, describe(reason)));
		return listeners;
	}

	private static String describe(Reason reason) {
		return reason.name().toLowerCase(Locale.ROOT);
	}

	private record CheckResult(Health health, Instant expiresAt) {

		boolean isFreshAt(Instant now) {
			return now.isBefore(this.expiresAt);
		}

	}

}
