package dev.karafka.spring.readiness;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthEvent.Reason;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListenerAuthRetryTracker}.
 *
 * @author karafka-spring
 */
class ListenerAuthRetryTrackerTests {

	private final ListenerAuthRetryTracker tracker = new ListenerAuthRetryTracker();

	private final DefaultKafkaConsumerFactory<String, String> consumerFactory = new DefaultKafkaConsumerFactory<>(
			Map.of());

	private final ConcurrentMessageListenerContainer<String, String> orders = container("orders");

	private final KafkaMessageListenerContainer<String, String> firstOrdersConsumer = consumer("orders-0");

	private final KafkaMessageListenerContainer<String, String> secondOrdersConsumer = consumer("orders-1");

	@Test
	void noListenerRetriesInitially() {
		assertThat(this.tracker.getRetryingListeners()).isEmpty();
	}

	@Test
	void retryingConsumerIsReportedByTheIdOfItsListener() {
		this.tracker.onApplicationEvent(retry(this.firstOrdersConsumer, Reason.AUTHORIZATION));
		assertThat(this.tracker.getRetryingListeners()).containsExactly(Map.entry("orders", Reason.AUTHORIZATION));
	}

	@Test
	void successfulRetryClearsTheConsumer() {
		this.tracker.onApplicationEvent(retry(this.firstOrdersConsumer, Reason.AUTHENTICATION));
		this.tracker.onApplicationEvent(new ConsumerRetryAuthSuccessfulEvent(this.firstOrdersConsumer, this.orders));
		assertThat(this.tracker.getRetryingListeners()).isEmpty();
	}

	@Test
	void stoppedConsumerIsNoLongerRetrying() {
		this.tracker.onApplicationEvent(retry(this.firstOrdersConsumer, Reason.AUTHORIZATION));
		this.tracker.onApplicationEvent(
				new ConsumerStoppedEvent(this.firstOrdersConsumer, this.orders, ConsumerStoppedEvent.Reason.NORMAL));
		assertThat(this.tracker.getRetryingListeners()).isEmpty();
	}

	@Test
	void listenerRetriesWhileAnyOfItsConsumersRetries() {
		this.tracker.onApplicationEvent(retry(this.firstOrdersConsumer, Reason.AUTHORIZATION));
		this.tracker.onApplicationEvent(retry(this.secondOrdersConsumer, Reason.AUTHORIZATION));
		this.tracker.onApplicationEvent(new ConsumerRetryAuthSuccessfulEvent(this.firstOrdersConsumer, this.orders));
		assertThat(this.tracker.getRetryingListeners()).containsExactly(Map.entry("orders", Reason.AUTHORIZATION));
	}

	@Test
	void authenticationWinsWhenConsumersOfOneListenerRetryForDifferentReasons() {
		this.tracker.onApplicationEvent(retry(this.firstOrdersConsumer, Reason.AUTHORIZATION));
		this.tracker.onApplicationEvent(retry(this.secondOrdersConsumer, Reason.AUTHENTICATION));
		assertThat(this.tracker.getRetryingListeners()).containsExactly(Map.entry("orders", Reason.AUTHENTICATION));
	}

	@Test
	void listenersAreReportedSortedById() {
		ConcurrentMessageListenerContainer<String, String> payments = container("payments");
		this.tracker
			.onApplicationEvent(new ConsumerRetryAuthEvent(consumer("payments-0"), payments, Reason.AUTHENTICATION));
		this.tracker.onApplicationEvent(retry(this.firstOrdersConsumer, Reason.AUTHORIZATION));
		assertThat(this.tracker.getRetryingListeners()).containsExactly(Map.entry("orders", Reason.AUTHORIZATION),
				Map.entry("payments", Reason.AUTHENTICATION));
	}

	private ConsumerRetryAuthEvent retry(KafkaMessageListenerContainer<?, ?> consumer, Reason reason) {
		return new ConsumerRetryAuthEvent(consumer, this.orders, reason);
	}

	private ConcurrentMessageListenerContainer<String, String> container(String id) {
		ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(
				this.consumerFactory, new ContainerProperties(id));
		container.setBeanName(id);
		return container;
	}

	private KafkaMessageListenerContainer<String, String> consumer(String beanName) {
		KafkaMessageListenerContainer<String, String> consumer = new KafkaMessageListenerContainer<>(
				this.consumerFactory, new ContainerProperties("topic"));
		consumer.setBeanName(beanName);
		return consumer;
	}

}
