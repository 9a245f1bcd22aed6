package dev.karafka.spring.supervision;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.karafka.spring.liveness.ConsumerThreadState;
import dev.karafka.spring.liveness.ConsumerThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Supervises the application's listener containers, as Karafka's swarm supervisor
 * controls its nodes: every interval, on a single daemon thread of its own, it restarts
 * each container whose consumer thread spends longer than its polling TTL beyond its poll
 * timeout, runs a consumption longer than the consuming TTL, or stopped on an
 * unrecoverable error. A restart stops the container (waiting up to its shutdown
 * timeout), interrupts its stuck threads, then starts it again: fresh consumers join the
 * same group. Threads still running after the shutdown timeout are leaked. A container
 * that faults again after the policy's {@code maxRestarts} restarts within its restart
 * window, that has more leaked threads than allowed, or whose restart fails, is stopped
 * and given up.
 * <p>
 * Runs after the endpoint registry starts the containers and stops before it stops them:
 * a restart in progress when the application shuts down never starts its container again.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ListenerSupervisor implements SmartLifecycle {

	/**
	 * The lifecycle phase: after spring-kafka's endpoint registry.
	 */
	public static final int PHASE = Integer.MAX_VALUE - 50;

	private static final Log logger = LogFactory.getLog(ListenerSupervisor.class);

	private static final String SIBLING_STOPPED = fault("ABNORMAL");

	private final ConsumerThreads threads;

	private final Supplier<Collection<MessageListenerContainer>> containers;

	private final SupervisionPolicy policy;

	private final ObjectProvider<SupervisorObserver> observers;

	private final Map<String, SupervisedNode> nodes = new ConcurrentHashMap<>();

	private final Set<ConsumerThreadState> handled = ConcurrentHashMap.newKeySet();

	private volatile long lastCheckAt;

	private volatile boolean running;

	private volatile @Nullable ScheduledExecutorService executor;

	/**
	 * Create a new instance.
	 * @param threads the consumer threads of the containers, and the clock
	 * @param containers supplies the application's listener containers
	 * @param policy what to check and when to give a container up
	 * @param observers the observers to tell of checks and restarts
	 */
	public ListenerSupervisor(ConsumerThreads threads, Supplier<Collection<MessageListenerContainer>> containers,
			SupervisionPolicy policy, ObjectProvider<SupervisorObserver> observers) {
		this.threads = threads;
		this.containers = containers;
		this.policy = policy;
		this.observers = observers;
	}

	@Override
	public void start() {
		this.containers.get().forEach(this::warnIfARestartOutlastsTheControllingTtl);
		this.lastCheckAt = now();
		this.running = true;
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("karafka-supervisor-");
		threadFactory.setDaemon(true);
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threadFactory);
		long interval = this.policy.interval().toMillis();
		executor.scheduleWithFixedDelay(this::checkSafely, interval, interval, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService executor = this.executor;
		if (executor == null) {
			return;
		}
		executor.shutdown();
		try {
			if (!executor.awaitTermination(this.policy.controllingTtl().toMillis(), TimeUnit.MILLISECONDS)) {
				executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Return the policy of this supervisor.
	 * @return the policy
	 */
	public SupervisionPolicy getPolicy() {
		return this.policy;
	}

	/**
	 * Return how long ago the supervisor last completed a check of every container,
	 * counted from its start before the first one, and zero before its start.
	 * @return the age of the last check
	 */
	public Duration sinceLastCheck() {
		long lastCheckAt = this.lastCheckAt;
		return (lastCheckAt != 0) ? Duration.ofMillis(Math.max(0, now() - lastCheckAt)) : Duration.ZERO;
	}

	/**
	 * Return whether the supervisor is in control: running and done with a check within
	 * the controlling TTL.
	 * @return whether it is in control
	 */
	public boolean isControlling() {
		return !this.running || sinceLastCheck().compareTo(this.policy.controllingTtl()) <= 0;
	}

	/**
	 * Return the number of restarts of the given listener's container so far.
	 * @param listenerId the listener id
	 * @return the number of restarts
	 */
	public int restarts(String listenerId) {
		SupervisedNode node = this.nodes.get(listenerId);
		return (node != null) ? node.getRestarts() : 0;
	}

	/**
	 * Return the number of consumer threads that ignored the interrupt of a restart and
	 * still run.
	 * @return the number of leaked threads
	 */
	public int leakedThreads() {
		return this.nodes.values().stream().mapToInt(SupervisedNode::getLeakedThreads).sum();
	}

	/**
	 * Return the reason each given-up container was given up for, by listener id.
	 * @return the reasons, sorted by listener id
	 */
	public Map<String, String> givenUp() {
		Map<String, String> givenUp = new TreeMap<>();
		this.nodes.forEach((listenerId, node) -> {
			String reason = node.getGivenUpReason();
			if (reason != null) {
				givenUp.put(listenerId, reason);
			}
		});
		return givenUp;
	}

	Collection<SupervisedNode> nodes() {
		return this.nodes.values();
	}

	private void warnIfARestartOutlastsTheControllingTtl(MessageListenerContainer container) {
		Duration shutdownTimeout = Duration.ofMillis(container.getContainerProperties().getShutdownTimeout());
		if (this.threads.isTracked(container)
				&& shutdownTimeout.plus(this.policy.interval()).compareTo(this.policy.controllingTtl()) >= 0) {
			logger.warn("karafka.supervision.controlling-ttl (" + this.policy.controllingTtl()
					+ ") is not longer than a restart of listener container '" + container.getListenerId()
					+ "' (up to its shutdown timeout, " + shutdownTimeout + ") plus karafka.supervision.interval ("
					+ this.policy.interval() + "): liveness may be DOWN while the supervisor restarts it");
		}
	}

	private void checkSafely() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.error("Supervisor check of the listener containers failed", ex);
		}
	}

	void check() {
		for (MessageListenerContainer container : this.containers.get()) {
			if (!this.running) {
				return;
			}
			if (this.threads.isTracked(container)) {
				checkSafely(container);
			}
		}
		this.handled.retainAll(this.threads.states());
		this.lastCheckAt = now();
		this.observers.orderedStream().forEach(SupervisorObserver::checked);
	}

	private void checkSafely(MessageListenerContainer container) {
		String listenerId = Objects.requireNonNullElse(container.getListenerId(), container.getClass().getName());
		SupervisedNode node = this.nodes.computeIfAbsent(listenerId, SupervisedNode::new);
		try {
			check(container, node);
		}
		catch (RuntimeException ex) {
			logger.error("Restart of listener container '" + listenerId + "' failed", ex);
			giveUp(node, "restart failed: " + ex, List.of());
		}
	}

	private void check(MessageListenerContainer container, SupervisedNode node) {
		String listenerId = node.getListenerId();
		if (node.getGivenUpReason() != null) {
			return;
		}
		Map<ConsumerThreadState, String> faults = faults(container, now());
		if (faults.isEmpty()) {
			return;
		}
		String reason = reason(faults.values());
		List<String> threadNames = faults.keySet().stream().map(ConsumerThreadState::getThreadName).toList();
		this.handled.addAll(faults.keySet());
		if (node.restartsWithin(now(), this.policy.restartWindow()) >= this.policy.maxRestarts()) {
			stop(container, node, faults);
			giveUp(node, reason + " after " + node.getRestarts() + " restarts", threadNames);
			return;
		}
		logger.warn("Restarting listener container '" + listenerId + "' (" + reason + ") of threads " + threadNames);
		node.acted("restarting", reason, threadNames, now());
		keepingTheJvmAlive(() -> restart(container, node, faults, reason, threadNames));
	}

	private void restart(MessageListenerContainer container, SupervisedNode node,
			Map<ConsumerThreadState, String> faults, String reason, List<String> threadNames) {
		stop(container, node, faults);
		if (node.getLeakedThreads() > this.policy.maxLeakedThreads()) {
			giveUp(node, "leaked threads " + node.getLeakedThreadNames(), threadNames);
			return;
		}
		if (this.running) {
			container.start();
			node.restarted(now());
			node.acted("restarted", reason, threadNames, now());
			this.observers.orderedStream().forEach((observer) -> observer.restarted(node.getListenerId()));
		}
	}

	/**
	 * Run a restart on a thread that keeps the JVM alive until it ends. The supervisor's
	 * own thread is a daemon, and in an application without a web server the consumer
	 * threads are the only others: the JVM would exit between the stop of the old ones
	 * and the start of the new ones.
	 */
	private static void keepingTheJvmAlive(Runnable restart) {
		AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				restart.run();
			}
			catch (RuntimeException ex) {
				failure.set(ex);
			}
		}, "karafka-supervisor-restart");
		thread.setDaemon(false);
		thread.start();
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		RuntimeException ex = failure.get();
		if (ex != null) {
			throw ex;
		}
	}

	/**
	 * The distinct faults of a container's threads, without the consequential stops of
	 * siblings: when one consumer thread of a concurrent container fails, spring-kafka
	 * stops the others with {@code ABNORMAL}, which says nothing of the cause.
	 */
	private static String reason(Collection<String> faults) {
		Set<String> reasons = new LinkedHashSet<>(faults);
		if (reasons.size() > 1) {
			reasons.remove(SIBLING_STOPPED);
		}
		return String.join(", ", reasons);
	}

	private Map<ConsumerThreadState, String> faults(MessageListenerContainer container, long now) {
		Map<ConsumerThreadState, String> faults = new LinkedHashMap<>();
		for (ConsumerThreadState thread : this.threads.states(container)) {
			String fault = this.handled.contains(thread) ? null : fault(thread, container.isRunning(), now);
			if (fault != null) {
				faults.put(thread, fault);
			}
		}
		return faults;
	}

	private @Nullable String fault(ConsumerThreadState thread, boolean running, long now) {
		String unrecoverableReason = thread.getUnrecoverableReason();
		if (unrecoverableReason != null) {
			return fault(unrecoverableReason);
		}
		if (!running) {
			return null;
		}
		if (thread.currentConsumption(now).compareTo(this.policy.consumingTtl()) > 0) {
			return "consumption_ttl_exceeded";
		}
		if (thread.pollOverrun(now).compareTo(thread.getPollingTtl()) > 0) {
			return "polling_ttl_exceeded";
		}
		return null;
	}

	private static String fault(String unrecoverableReason) {
		return "stopped_abnormally (" + unrecoverableReason + ")";
	}

	private void giveUp(SupervisedNode node, String reason, List<String> threadNames) {
		logger.error("Giving up listener container '" + node.getListenerId() + "' (" + reason
				+ "): it stays stopped and liveness is DOWN");
		node.acted("given_up", reason, threadNames, now());
		node.giveUp(reason);
	}

	private void stop(MessageListenerContainer container, SupervisedNode node,
			Map<ConsumerThreadState, String> faults) {
		CountDownLatch stopped = new CountDownLatch(1);
		container.stop(stopped::countDown);
		faults.keySet().forEach(ConsumerThreadState::interrupt);
		try {
			stopped.await(container.getContainerProperties().getShutdownTimeout(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (ConsumerThreadState thread : faults.keySet()) {
			if (!thread.isConsumerStopped()) {
				logger.error("Consumer thread '" + thread.getThreadName() + "' of listener container '"
						+ thread.getListenerId() + "' ignored its interrupt and still runs: it is leaked");
				node.leaked(thread);
			}
		}
	}

	private long now() {
		return this.threads.getClock().millis();
	}

}
