package dev.karafka.spring.readiness;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;

import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthEvent.Reason;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.KafkaEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Tracks the listener containers that retry authentication or authorization, from
 * spring-kafka's {@link ConsumerRetryAuthEvent} until the matching
 * {@link ConsumerRetryAuthSuccessfulEvent} or {@link ConsumerStoppedEvent}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ListenerAuthRetryTracker implements ApplicationListener<KafkaEvent> {

	private final Map<Object, RetryingConsumer> retryingConsumers = new ConcurrentHashMap<>();

	@Override
	public void onApplicationEvent(KafkaEvent event) {
		if (event instanceof ConsumerRetryAuthEvent retry) {
			String listenerId = retry.getContainer(MessageListenerContainer.class).getListenerId();
			this.retryingConsumers.put(retry.getSource(), new RetryingConsumer(listenerId, retry.getReason()));
		}
		else if (event instanceof ConsumerRetryAuthSuccessfulEvent || event instanceof ConsumerStoppedEvent) {
			this.retryingConsumers.remove(event.getSource());
		}
	}

	/**
	 * Return the listeners that retry authentication or authorization, by listener id. A
	 * listener whose consumers retry for different reasons is reported with
	 * {@link Reason#AUTHENTICATION}.
	 * @return the reason of each retrying listener, sorted by listener id
	 */
	public Map<String, Reason> getRetryingListeners() {
		Map<String, Reason> listeners = new TreeMap<>();
		this.retryingConsumers.values()
			.forEach((consumer) -> listeners.merge(consumer.listenerId(), consumer.reason(),
					BinaryOperator.minBy(Comparator.naturalOrder())));
		return listeners;
	}

	private record RetryingConsumer(String listenerId, Reason reason) {

	}

}
