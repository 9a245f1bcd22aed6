package dev.karafka.spring.liveness;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.kafka.event.ConsumerStartedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The consumer threads of the application's listener containers, registered when a
 * consumer starts and removed when it stops normally. A thread whose container stopped on
 * an unrecoverable error (fenced static member, missing offset, a JVM error) stays,
 * marked as such.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ConsumerThreads implements SmartApplicationListener {

	private static final Set<Reason> UNRECOVERABLE = Set.of(Reason.ERROR, Reason.ABNORMAL, Reason.FENCED,
			Reason.NO_OFFSET);

	private final ThreadLocal<@Nullable ConsumerThreadState> current = new ThreadLocal<>();

	private final Map<Thread, ConsumerThreadState> states = new ConcurrentHashMap<>();

	private final ObjectProvider<ConsumerThreadObserver> observers;

	/**
	 * Create a new instance.
	 * @param observers the observers to tell when consumer threads start and stop
	 */
	public ConsumerThreads(ObjectProvider<ConsumerThreadObserver> observers) {
		this.observers = observers;
	}

	/**
	 * Return the state of every consumer thread.
	 * @return the states
	 */
	public Collection<ConsumerThreadState> states() {
		return this.states.values();
	}

	@Nullable ConsumerThreadState current() {
		return this.current.get();
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ConsumerStartedEvent.class.isAssignableFrom(eventType)
				|| ConsumerStoppedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ConsumerStartedEvent started) {
			consumerStarted(started.getContainer(MessageListenerContainer.class));
		}
		else if (event instanceof ConsumerStoppedEvent stopped) {
			consumerStopped(stopped.getReason());
		}
	}

	private void consumerStarted(MessageListenerContainer container) {
		Thread thread = Thread.currentThread();
		String listenerId = (container.getListenerId() != null) ? container.getListenerId() : thread.getName();
		ConsumerThreadState state = new ConsumerThreadState(listenerId, thread.getName());
		this.current.set(state);
		this.states.put(thread, state);
		this.observers.orderedStream().forEach((observer) -> observer.started(state));
	}

	private void consumerStopped(Reason reason) {
		ConsumerThreadState state = this.current.get();
		this.current.remove();
		if (state == null) {
			return;
		}
		if (UNRECOVERABLE.contains(reason)) {
			state.stoppedUnrecoverably(reason.name());
			return;
		}
		this.states.remove(Thread.currentThread());
		this.observers.orderedStream().forEach((observer) -> observer.stopped(state));
	}

}
