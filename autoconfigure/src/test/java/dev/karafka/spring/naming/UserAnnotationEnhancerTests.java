package dev.karafka.spring.naming;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListenerAnnotationBeanPostProcessor.AnnotationEnhancer;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own {@link AnnotationEnhancer} still runs next to the name prefix
 * enhancer: both change the listener.
 *
 * @author karafka-spring
 */
class UserAnnotationEnhancerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withUserConfiguration(UserEnhancerConfiguration.class)
		.withPropertyValues("karafka.prefix=smoothboulder-1234.");

	@Test
	void userEnhancerAndPrefixBothApply() {
		this.contextRunner.run((context) -> {
			MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("orders");
			assertThat(container.getContainerProperties().getTopics()).containsExactly("smoothboulder-1234.orders");
			assertThat(container.getGroupId()).isEqualTo("smoothboulder-1234.orders-group");
			assertThat(container.isAutoStartup()).isFalse();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEnhancerConfiguration {

		@Bean
		static AnnotationEnhancer userAnnotationEnhancer() {
			return (attributes, element) -> {
				Map<String, Object> enhanced = new LinkedHashMap<>(attributes);
				enhanced.put("autoStartup", "false");
				return enhanced;
			};
		}

		@Bean
		OrdersListener ordersListener() {
			return new OrdersListener();
		}

	}

	static class OrdersListener {

		@KafkaListener(id = "orders", topics = "orders", groupId = "orders-group")
		void onOrder(String order) {
		}

	}

}
