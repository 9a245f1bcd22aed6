package dev.karafka.spring.readiness;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * {@link ConsumerRetryAuthSuccessfulEvent} or {@link ConsumerStoppedEvent}, with one
 * warning when a listener starts retrying for a cause and one line when it passes again.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ListenerAuthRetryTracker implements ApplicationListener<KafkaEvent> {

	private static final Log logger = LogFactory.getLog(ListenerAuthRetryTracker.class);

	private final Map<Object, RetryingConsumer> retryingConsumers = new ConcurrentHashMap<>();

	@Override
	public void onApplicationEvent(KafkaEvent event) {
		if (event instanceof ConsumerRetryAuthEvent retry) {
			String listenerId = retry.getContainer(MessageListenerContainer.class).getListenerId();
			RetryingConsumer retrying = new RetryingConsumer(listenerId, retry.getReason());
			if (!retrying.equals(this.retryingConsumers.put(retry.getSource(), retrying))) {
				logger.warn("Listener '" + listenerId + "' retries " + retry.getReason().name().toLowerCase(Locale.ROOT)
						+ " until the brokers accept it");
			}
		}
		else if (event instanceof ConsumerRetryAuthSuccessfulEvent || event instanceof ConsumerStoppedEvent) {
			RetryingConsumer retrying = this.retryingConsumers.remove(event.getSource());
			if (retrying != null && event instanceof ConsumerRetryAuthSuccessfulEvent) {
				logger.info("Listener '" + retrying.listenerId() + "' passed "
						+ retrying.reason().name().toLowerCase(Locale.ROOT) + " again");
			}
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
