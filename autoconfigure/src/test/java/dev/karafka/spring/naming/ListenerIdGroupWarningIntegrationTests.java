package dev.karafka.spring.naming;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListenerIdGroupWarning} on a real broker: a listener whose {@code id}
 * becomes its group, next to a configured group, is named in a WARN when the application
 * is ready; listeners with their own {@code groupId}, with {@code idIsGroup = false} or
 * without an id are not.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerIdGroupWarningIntegrationTests {

	private static final KafkaTestBroker broker = KafkaTestBroker.shared();

	@Test
	void listenerGroupedByItsIdIsNamedNextToTheConfiguredGroup(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ListenersApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
					"spring.application.name=orders-app", "server.port=0", "spring.main.banner-mode=off")
			.run()) {
			KafkaListenerEndpointRegistry registry = context.getBean(KafkaListenerEndpointRegistry.class);
			assertThat(registry.getListenerContainer("orders-listener").getGroupId()).isEqualTo("orders-listener");
			assertThat(registry.getListenerContainer("explicit-listener").getGroupId()).isEqualTo("explicit-group");
			assertThat(registry.getListenerContainer("configured-listener").getGroupId()).isEqualTo("orders-app");
			assertThat(output.getOut()).contains("Listeners consume as the consumer group of their id")
				.contains("[listener 'orders-listener' in group 'orders-listener' instead of 'orders-app']");
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ListenersApplication {

		@KafkaListener(id = "orders-listener", topics = "id-group-orders")
		void groupedById(String value) {
		}

		@KafkaListener(id = "explicit-listener", groupId = "explicit-group", topics = "id-group-orders")
		void explicitGroup(String value) {
		}

		@KafkaListener(id = "configured-listener", idIsGroup = false, topics = "id-group-orders")
		void configuredGroup(String value) {
		}

		@KafkaListener(topics = "id-group-orders")
		void withoutId(String value) {
		}

	}

}
