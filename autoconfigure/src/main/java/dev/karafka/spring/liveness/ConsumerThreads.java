package dev.karafka.spring.liveness;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.Assert;

/**
 * The consumer threads of the application's listener containers: one
 * {@link ConsumerThreadState} per consumer of a container run, registered when the
 * consumer starts and released when it stops normally. A consumer that stopped on an
 * unrecoverable error (fenced static member, missing offset, a stopping error handler, a
 * JVM error) stays, marked as such, until its container starts again.
 * <p>
 * States are kept by container, never by thread, so a pooled thread reused by another
 * container leaves them alone. spring-kafka's consumer events are always received on the
 * consumer thread, even with an asynchronous event multicaster. Only containers whose
 * record or batch interceptor is a {@link LivenessInterceptor} (or was
 * {@link #registerInterceptor registered} as delegating to one) are tracked.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ConsumerThreads implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(ConsumerThreads.class);

	private static final Set<Reason> UNRECOVERABLE = Set.of(Reason.ERROR, Reason.ABNORMAL, Reason.FENCED,
			Reason.NO_OFFSET);

	private static final Duration DEFAULT_API_TIMEOUT = Duration.ofMinutes(1);

	private final ThreadLocal<@Nullable ConsumerThreadState> current = new ThreadLocal<>();

	private final Map<Object, ConsumerThreadState> states = new ConcurrentHashMap<>();

	private final Set<Object> interceptors = ConcurrentHashMap.newKeySet();

	private final Set<ConsumerRebalanceListener> rebalanceListeners = ConcurrentHashMap.newKeySet();

	private final Set<String> raisedPollingTtls = ConcurrentHashMap.newKeySet();

	private final Set<Thread> consumerThreads = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private final Duration pollingTtl;

	private final Clock clock;

	private final ObjectProvider<ConsumerThreadObserver> observers;

	/**
	 * Create a new instance.
	 * @param pollingTtl the longest time a thread may spend beyond its poll timeout in
	 * and around a poll
	 * @param clock the clock of every stamp and check
	 * @param observers the observers to tell when consumer threads start and stop
	 */
	public ConsumerThreads(Duration pollingTtl, Clock clock, ObjectProvider<ConsumerThreadObserver> observers) {
		Assert.isTrue(!pollingTtl.isNegative() && !pollingTtl.isZero(), "'pollingTtl' must be positive");
		this.pollingTtl = pollingTtl;
		this.clock = clock;
		this.observers = observers;
	}

	/**
	 * Create a new instance with a clock that follows {@link System#nanoTime()}.
	 * @param pollingTtl the longest time a thread may spend beyond its poll timeout in
	 * and around a poll
	 * @param observers the observers to tell when consumer threads start and stop
	 */
	public ConsumerThreads(Duration pollingTtl, ObjectProvider<ConsumerThreadObserver> observers) {
		this(pollingTtl, new MonotonicClock(), observers);
	}

	/**
	 * Return the clock of every stamp and check.
	 * @return the clock
	 */
	public Clock getClock() {
		return this.clock;
	}

	/**
	 * Return the state of every consumer thread.
	 * @return the states
	 */
	public Collection<ConsumerThreadState> states() {
		return this.states.values();
	}

	/**
	 * Return the state of every consumer thread of the given listener container.
	 * @param container the listener container, as the endpoint registry returns it
	 * @return the states
	 */
	public List<ConsumerThreadState> states(MessageListenerContainer container) {
		return this.states.values().stream().filter((state) -> state.getParentContainer() == container).toList();
	}

	/**
	 * Declare an interceptor that delegates to a {@link LivenessInterceptor}, such as a
	 * composite of it and the application's own, so that the containers it is set on are
	 * tracked.
	 * @param interceptor the record or batch interceptor
	 */
	public void registerInterceptor(Object interceptor) {
		this.interceptors.add(interceptor);
	}

	/**
	 * Declare a rebalance listener that delegates every callback to a
	 * {@link LivenessRebalanceListener}, such as the starter's offset-commit listener
	 * wrapped around it, so that the consumers of the containers it is set on count as
	 * rebalancing from their start until their first assignment.
	 * @param listener the rebalance listener
	 */
	public void registerRebalanceListener(ConsumerRebalanceListener listener) {
		this.rebalanceListeners.add(listener);
	}

	/**
	 * Return whether the given rebalance listener is a {@link LivenessRebalanceListener}
	 * or was {@link #registerRebalanceListener registered} as delegating to one.
	 * @param listener the rebalance listener of a container, or {@code null}
	 * @return whether it stamps the consumer threads' rebalances
	 */
	public boolean stampsRebalances(@Nullable ConsumerRebalanceListener listener) {
		return listener instanceof LivenessRebalanceListener
				|| (listener != null && this.rebalanceListeners.contains(listener));
	}

	/**
	 * Return whether the consumer threads of the given container are tracked: whether its
	 * record or batch interceptor stamps them.
	 * @param container the listener container
	 * @return whether the container is tracked
	 */
	public boolean isTracked(MessageListenerContainer container) {
		return container instanceof AbstractMessageListenerContainer<?, ?> tracked
				&& (isLivenessInterceptor(tracked.getRecordInterceptor())
						|| isLivenessInterceptor(tracked.getBatchInterceptor()));
	}

	private boolean isLivenessInterceptor(@Nullable Object interceptor) {
		return interceptor instanceof LivenessInterceptor
				|| (interceptor != null && this.interceptors.contains(interceptor));
	}

	/**
	 * Return whether the given thread has run a consumer of a tracked container,
	 * including one that still runs after its container stopped (a thread that ignored an
	 * interrupt).
	 * @param thread the thread
	 * @return whether it is a consumer thread
	 */
	public boolean isConsumerThread(Thread thread) {
		return this.consumerThreads.contains(thread);
	}

	@Nullable ConsumerThreadState current() {
		return this.current.get();
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ConsumerStartingEvent.class.isAssignableFrom(eventType)
				|| ConsumerStoppedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public boolean supportsAsyncExecution() {
		return false;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ConsumerStartingEvent starting
				&& starting.getSource() instanceof MessageListenerContainer container) {
			consumerStarting(container, starting.getContainer(MessageListenerContainer.class));
		}
		else if (event instanceof ConsumerStoppedEvent stopped) {
			consumerStopped(stopped.getSource(), stopped.getReason());
		}
	}

	private void consumerStarting(MessageListenerContainer container, MessageListenerContainer parent) {
		releaseEarlierRuns(container, parent);
		if (!isTracked(container)) {
			return;
		}
		Thread thread = Thread.currentThread();
		this.consumerThreads.add(thread);
		String listenerId = (parent.getListenerId() != null) ? parent.getListenerId() : thread.getName();
		ContainerProperties properties = container.getContainerProperties();
		Duration pollTimeout = Duration.ofMillis(properties.getPollTimeout() + properties.getIdleBetweenPolls());
		boolean joiningGroup = properties.getTopicPartitions() == null
				&& stampsRebalances(properties.getConsumerRebalanceListener());
		ConsumerThreadState state = new ConsumerThreadState(parent, listenerId, thread, pollTimeout,
				pollingTtl(listenerId, properties), this.clock.millis(), joiningGroup);
		this.current.set(state);
		ConsumerThreadState previous = this.states.put(container, state);
		if (previous != null) {
			release(previous);
		}
		this.observers.orderedStream().forEach((observer) -> observer.started(state));
	}

	private Duration pollingTtl(String listenerId, ContainerProperties properties) {
		Duration syncCommitTimeout = (properties.getSyncCommitTimeout() != null) ? properties.getSyncCommitTimeout()
				: DEFAULT_API_TIMEOUT;
		Duration smallest = syncCommitTimeout.plusMillis(properties.getPollTimeout());
		if (this.pollingTtl.compareTo(smallest) >= 0) {
			return this.pollingTtl;
		}
		if (this.raisedPollingTtls.add(listenerId)) {
			logger.warn("karafka.liveness.polling-ttl (" + this.pollingTtl + ") is shorter than what listener '"
					+ listenerId + "' may block while the brokers are unreachable: a poll of up to "
					+ Duration.ofMillis(properties.getPollTimeout()) + " (its poll timeout) then a commit of up to "
					+ syncCommitTimeout + " (its sync commit timeout, the consumer's default.api.timeout.ms unless "
					+ "set). Its polling TTL is raised to " + smallest
					+ " so that a broker outage never makes liveness DOWN.");
		}
		return smallest;
	}

	private void releaseEarlierRuns(MessageListenerContainer container, MessageListenerContainer parent) {
		this.states.forEach((running, state) -> {
			if (state.getParentContainer() == parent && running != container
					&& !((MessageListenerContainer) running).isRunning() && this.states.remove(running, state)) {
				release(state);
			}
		});
	}

	private void consumerStopped(Object container, Reason reason) {
		ConsumerThreadState current = this.current.get();
		if (current != null) {
			current.consumerStopped();
		}
		ConsumerThreadState state = this.states.get(container);
		if (state == null) {
			return;
		}
		if (this.current.get() == state) {
			this.current.remove();
		}
		if (UNRECOVERABLE.contains(reason)) {
			state.stoppedUnrecoverably(reason.name());
		}
		else if (this.states.remove(container, state)) {
			release(state);
		}
	}

	private void release(ConsumerThreadState state) {
		this.observers.orderedStream().forEach((observer) -> observer.stopped(state));
	}

}
