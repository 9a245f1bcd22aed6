package dev.karafka.spring.membership;

import java.util.Map;
import java.util.TreeMap;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.membership.KarafkaStaticMembershipAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.assertInvalidSetting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaStaticMembershipAutoConfiguration} and
 * {@link GroupInstanceIds}: which {@code group.instance.id} each listener container gets,
 * and which are refused. Containers do not start here.
 *
 * @author karafka-spring
 */
class StaticMembershipConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				KarafkaStaticMembershipAutoConfiguration.class))
		.withBean(OrdersListener.class)
		.withPropertyValues("spring.kafka.listener.auto-startup=false", "spring.kafka.consumer.group-id=static");

	@Test
	void staticMembershipGivesEachListenerItsOwnIdFromTheInstanceId() {
		this.contextRunner.withBean(PaymentsListener.class)
			.withPropertyValues("karafka.static-membership.enabled=true", "karafka.static-membership.instance-id=app-0")
			.run((context) -> assertThat(groupInstanceIds(context.getBean(KafkaListenerEndpointRegistry.class)))
				.containsExactly(Map.entry("orders", "app-0-orders"), Map.entry("payments", "app-0-payments")));
	}

	@Test
	void instanceIdDefaultsToHostname() {
		this.contextRunner.withPropertyValues("karafka.static-membership.enabled=true", "HOSTNAME=pod-7")
			.run((context) -> assertThat(groupInstanceIds(context.getBean(KafkaListenerEndpointRegistry.class)))
				.containsEntry("orders", "pod-7-orders"));
	}

	@Test
	void staticMembershipMakesAFixedIdUniquePerListener() {
		this.contextRunner.withBean(PaymentsListener.class)
			.withPropertyValues("karafka.static-membership.enabled=true", "karafka.static-membership.instance-id=app-0",
					"karafka.kafka.group.instance.id=fixed")
			.run((context) -> assertThat(groupInstanceIds(context.getBean(KafkaListenerEndpointRegistry.class)))
				.containsExactly(Map.entry("orders", "app-0-orders"), Map.entry("payments", "app-0-payments")));
	}

	@Test
	void idOfTheListenerItselfIsKept() {
		this.contextRunner.withBean(AuditListener.class)
			.withPropertyValues("karafka.static-membership.enabled=true", "karafka.static-membership.instance-id=app-0")
			.run((context) -> assertThat(groupInstanceIds(context.getBean(KafkaListenerEndpointRegistry.class)))
				.containsEntry("audit", "audit-instance")
				.containsEntry("orders", "app-0-orders"));
	}

	@Test
	void withoutStaticMembershipListenersGetNoId() {
		this.contextRunner.withBean(PaymentsListener.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(KafkaListenerEndpointRegistry.class)
				.satisfies((registry) -> assertThat(groupInstanceIds(registry)).isEmpty()));
	}

	@Test
	void fixedIdSharedByListenersIsRefusedNamingThem() {
		assertInvalidSetting(
				this.contextRunner.withBean(PaymentsListener.class)
					.withPropertyValues("karafka.kafka.group.instance.id=pod-0"),
				"group.instance.id", "listeners [orders, payments] would consume with the same group.instance.id",
				"karafka.static-membership.enabled=true");
	}

	@Test
	void fixedIdOfASingleListenerIsKept() {
		this.contextRunner.withPropertyValues("karafka.kafka.group.instance.id=pod-0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void listenerWithoutIdGetsAShortIdKafkaAccepts() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
					KarafkaStaticMembershipAutoConfiguration.class))
			.withBean(ListenerWithoutId.class)
			.withPropertyValues("spring.kafka.listener.auto-startup=false", "spring.kafka.consumer.group-id=static",
					"karafka.static-membership.enabled=true", "HOSTNAME=users:service@0")
			.run((context) -> assertThat(groupInstanceIds(context.getBean(KafkaListenerEndpointRegistry.class)))
				.containsOnlyKeys("org.springframework.kafka.KafkaListenerEndpointContainer#0")
				.containsValue("users-service-0-listener-0"));
	}

	@Test
	void instanceIdWithCharactersKafkaRefusesIsRefused() {
		assertInvalidSetting(
				this.contextRunner.withPropertyValues("karafka.static-membership.enabled=true",
						"karafka.static-membership.instance-id=users:0"),
				"karafka.static-membership.instance-id",
				"'users:0' has characters Kafka does not accept in a group.instance.id",
				"Use only ASCII letters, digits");
	}

	@Test
	void emptyInstanceIdIsRefused() {
		assertInvalidSetting(
				this.contextRunner.withPropertyValues("karafka.static-membership.enabled=true",
						"karafka.static-membership.instance-id= "),
				"karafka.static-membership.instance-id", "it is empty", "stable across restarts");
	}

	private static Map<String, String> groupInstanceIds(KafkaListenerEndpointRegistry registry) {
		Map<String, String> ids = new TreeMap<>();
		for (MessageListenerContainer container : registry.getAllListenerContainers()) {
			String id = container.getContainerProperties()
				.getKafkaConsumerProperties()
				.getProperty("group.instance.id");
			if (id != null) {
				ids.put(container.getListenerId(), id);
			}
		}
		return ids;
	}

	static class OrdersListener {

		@KafkaListener(id = "orders", topics = "orders")
		void orders(String value) {
		}

	}

	static class PaymentsListener {

		@KafkaListener(id = "payments", topics = "payments")
		void payments(String value) {
		}

	}

	static class ListenerWithoutId {

		@KafkaListener(topics = "orders")
		void orders(String value) {
		}

	}

	static class AuditListener {

		@KafkaListener(id = "audit", topics = "audit", properties = "group.instance.id=audit-instance")
		void audit(String value) {
		}

	}

}
