package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Ends a worker, an application without a web server, with exit status {@value #STATUS}
 * when its JVM would end with status 0 on a failure: none of its listener containers runs
 * any more, liveness is DOWN (a consumer stopped on an unrecoverable error, or the
 * supervisor gave its container up), and no other thread keeps the JVM alive (its main
 * thread has returned). The process manager then restarts it ({@code Restart=on-failure}
 * of systemd, Docker's {@code on-failure} restart policy, Kubernetes), as it restarts a
 * crashed Karafka process.
 * <p>
 * While a consumer runs, it watches on a non-daemon thread of its own, checking every
 * interval: it keeps the JVM alive while the supervisor is due to restart a consumer that
 * stopped on an error, and ends when no consumer runs and none failed (containers stopped
 * on purpose), so that the JVM ends as it would without it. A JVM that other threads keep
 * alive (a test runner, an application's own non-daemon threads) is never ended: its
 * liveness probe reports the failure. Nothing is done once the application context is
 * closing, nor in an application with a web server.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class WorkerFailureExit implements SmartApplicationListener, ApplicationContextAware {

	/**
	 * The exit status of a worker whose consumers failed.
	 */
	public static final int STATUS = 1;

	private static final Log logger = LogFactory.getLog(WorkerFailureExit.class);

	private static final Health DONE = Health.unknown().build();

	private static final String DESTROY_JAVA_VM = "DestroyJavaVM";

	private static final Duration STOPPING_GRACE = Duration.ofSeconds(5);

	private static final long NOT_STOPPING = Long.MIN_VALUE;

	private final ConsumerThreads threads;

	private final Supplier<Collection<MessageListenerContainer>> containers;

	private final HealthIndicator liveness;

	private final Duration interval;

	private final Object monitor = new Object();

	private @Nullable ApplicationContext context;

	private @Nullable Thread watcher;

	private volatile boolean closing;

	private boolean keptAliveLogged;

	private long stoppingSince = NOT_STOPPING;

	/**
	 * Create a new instance.
	 * @param threads the consumer threads of the containers
	 * @param containers supplies the application's listener containers
	 * @param liveness the {@code karafka} liveness contributor
	 * @param interval the time between two checks
	 */
	public WorkerFailureExit(ConsumerThreads threads, Supplier<Collection<MessageListenerContainer>> containers,
			HealthIndicator liveness, Duration interval) {
		this.threads = threads;
		this.containers = containers;
		this.liveness = liveness;
		this.interval = interval;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ConsumerStartingEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		ApplicationContext context = this.context;
		if (context == null || WebServerContexts.hasWebServer(context)) {
			return;
		}
		if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
			synchronized (this.monitor) {
				this.closing = true;
				this.monitor.notifyAll();
			}
		}
		else if (event instanceof ConsumerStartingEvent && !this.closing) {
			watch(context);
		}
	}

	private void watch(ApplicationContext context) {
		synchronized (this.monitor) {
			if (this.watcher == null) {
				Thread watcher = new Thread(() -> checkUntilDone(context), "karafka-worker-exit");
				watcher.setDaemon(false);
				this.watcher = watcher;
				watcher.start();
			}
		}
	}

	private void checkUntilDone(ApplicationContext context) {
		try {
			Health failed = null;
			while (failed == null) {
				synchronized (this.monitor) {
					if (!this.closing) {
						this.monitor.wait(this.interval.toMillis());
					}
				}
				if (this.closing) {
					return;
				}
				failed = check();
			}
			if (failed != DONE) {
				exit(context, failed);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			if (!this.closing) {
				logger.error("Check of the listener containers failed: a failure of the consumers will not end "
						+ "the application", ex);
			}
		}
		finally {
			synchronized (this.monitor) {
				if (this.watcher == Thread.currentThread()) {
					this.watcher = null;
				}
			}
		}
	}

	/**
	 * Check the consumers once. Consumer threads that are still tracked once no container
	 * runs are stopping (their stop decides) or stopped on an error, which the supervisor
	 * is due to restart while liveness is UP.
	 * @return {@code null} to check again, {@link #DONE} when no consumer runs and none
	 * failed, else the liveness that failed
	 */
	private @Nullable Health check() {
		synchronized (this.monitor) {
			if (this.containers.get().stream().anyMatch(WorkerFailureExit::isRunning)) {
				return null;
			}
			Health health = this.liveness.health(true);
			if (Status.DOWN.equals(health.getStatus())) {
				if (isWaitingForStoppingConsumers()) {
					return null;
				}
				if (!keptAliveByOtherThreads()) {
					return health;
				}
				if (!this.keptAliveLogged) {
					this.keptAliveLogged = true;
					logger.warn("No listener container runs any more and liveness is DOWN, but other non-daemon "
							+ "threads keep the JVM alive: the application is not ended, its liveness probe reports "
							+ "the failure");
				}
				return null;
			}
			if (!this.threads.states().isEmpty()) {
				return null;
			}
			this.watcher = null;
			return DONE;
		}
	}

	/**
	 * Return whether consumer threads are still stopping (the one that stopped its
	 * container on an error, while it stops the others) for less than
	 * {@link #STOPPING_GRACE}: the exit waits for them, so that its report names every
	 * failure. A thread that still runs after that is stuck.
	 */
	private boolean isWaitingForStoppingConsumers() {
		boolean stopping = this.threads.states()
			.stream()
			.anyMatch((state) -> !state.isConsumerStopped() && state.getThread().isAlive());
		long now = this.threads.getClock().millis();
		if (!stopping) {
			this.stoppingSince = NOT_STOPPING;
			return false;
		}
		if (this.stoppingSince == NOT_STOPPING) {
			this.stoppingSince = now;
		}
		return now - this.stoppingSince < STOPPING_GRACE.toMillis();
	}

	/**
	 * Return whether a container runs: started and not stopped since, with a consumer
	 * that did not stop on an error. A stopped container whose consumer thread ignored
	 * the interrupt of its stop does not run.
	 */
	private static boolean isRunning(MessageListenerContainer container) {
		return container.isRunning() && container.isChildRunning();
	}

	/**
	 * Return whether a non-daemon thread other than this one keeps the JVM alive. Neither
	 * the JVM's {@value #DESTROY_JAVA_VM} thread, which waits for the others once the
	 * main method has returned, nor consumer threads count: one that still runs after its
	 * container stopped is stuck.
	 */
	private boolean keptAliveByOtherThreads() {
		Thread current = Thread.currentThread();
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread != current && thread.isAlive() && !thread.isDaemon()
					&& !DESTROY_JAVA_VM.equals(thread.getName()) && !this.threads.isConsumerThread(thread));
	}

	private void exit(ApplicationContext context, Health health) {
		if (this.closing) {
			return;
		}
		logger.error("No listener container runs any more and liveness is DOWN " + health.getDetails()
				+ ": the application exits with status " + STATUS
				+ " so that its process manager restarts it (systemd's Restart=on-failure, a Docker restart "
				+ "policy, Kubernetes)");
		int status = SpringApplication.exit(context, () -> STATUS);
		System.exit(status);
	}

}
