package dev.karafka.spring.diagnostics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.kafka.event.ConsumerStartedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.KafkaEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Remembers why the consumers of each listener container last stopped (spring-kafka's
 * {@link ConsumerStoppedEvent.Reason}), until one of them starts again.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ListenerContainerStops implements SmartApplicationListener {

	private final Map<String, ConsumerStoppedEvent.Reason> reasons = new ConcurrentHashMap<>();

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ConsumerStoppedEvent.class.isAssignableFrom(eventType)
				|| ConsumerStartedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		String listenerId = listenerId((KafkaEvent) event);
		if (listenerId == null) {
			return;
		}
		if (event instanceof ConsumerStoppedEvent stopped) {
			this.reasons.put(listenerId, stopped.getReason());
		}
		else {
			this.reasons.remove(listenerId);
		}
	}

	/**
	 * Return why a consumer of the given listener container last stopped.
	 * @param listenerId the id of the listener container
	 * @return the reason, or {@code null} when none stopped since the last start
	 */
	public ConsumerStoppedEvent.@Nullable Reason getReason(String listenerId) {
		return this.reasons.get(listenerId);
	}

	private static @Nullable String listenerId(KafkaEvent event) {
		MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
		return (container != null) ? container.getListenerId() : null;
	}

}
