package dev.karafka.spring.autoconfigure.deadletter;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up reports of dead-letter topics that cannot work, through the failure analyzers
 * of a real {@link SpringApplication}: a name Kafka refuses, and a topic that would be
 * its own dead-letter topic, by the topic settings or by a listener's topics. No broker
 * is needed: the application fails before its consumers connect.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterTopicStartupTests {

	@Test
	void deadLetterTopicWithASpaceFailsStartupNamingTheSetting(CapturedOutput output) {
		fail(OrdersApplication.class, "--karafka.dead-letter-queue.topic=orders dlq");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid setting 'karafka.dead-letter-queue.topic' (from \"karafka.dead-letter-queue.topic\" "
					+ "from property source \"commandLineArgs\"): the topic name is invalid: 'orders dlq' contains "
					+ "one or more characters other than ASCII alphanumerics, '.', '_' and '-'.")
			.contains("Give a name of 1 to 249 characters");
	}

	@Test
	void topicThatIsItsOwnDeadLetterTopicFailsStartup(CapturedOutput output) {
		fail(OrdersApplication.class, "--karafka.topics.orders.dead-letter-queue.topic=orders");
		assertThat(output)
			.contains("Invalid setting 'karafka.topics.orders.dead-letter-queue.topic' (from "
					+ "\"karafka.topics.orders.dead-letter-queue.topic\" from property source \"commandLineArgs\"): "
					+ "topic 'orders' would be its own dead-letter topic")
			.contains("Give topic 'orders' another dead-letter topic, for example 'orders_dlq'.");
	}

	@Test
	void listenerOfTheGlobalDeadLetterTopicFailsStartup(CapturedOutput output) {
		fail(DeadLettersApplication.class, "--karafka.dead-letter-queue.topic=orders_dlq");
		assertThat(output)
			.contains("Invalid setting 'karafka.dead-letter-queue.topic' (from \"karafka.dead-letter-queue.topic\" "
					+ "from property source \"commandLineArgs\"): listener 'dead-letters' consumes topic 'orders_dlq', "
					+ "its own dead-letter topic")
			.contains("karafka.topics.orders_dlq.dead-letter-queue.topic=orders_dlq_dlq");
	}

	@Test
	void listenerOfItsTopicsDeadLetterTopicFailsStartupNamingTheTopicSetting(CapturedOutput output) {
		fail(DeadLettersApplication.class, "--karafka.topics.payments.dead-letter-queue.topic=orders_dlq");
		assertThat(output).contains("Invalid setting 'karafka.topics.payments.dead-letter-queue.topic'")
			.contains("listener 'dead-letters' consumes topic 'orders_dlq', its own dead-letter topic");
	}

	@Test
	void listenerOfTheDeadLetterTopicWithOneOfItsOwnStarts() {
		SpringApplication application = application(DeadLettersApplication.class);
		try (ConfigurableApplicationContext context = application.run("--karafka.dead-letter-queue.topic=orders_dlq",
				"--karafka.topics.orders_dlq.dead-letter-queue.topic=orders_dlq_dlq",
				"--spring.kafka.listener.auto-startup=false")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void prefixedListenerTopicIsComparedByTheApplicationsName(CapturedOutput output) {
		fail(DeadLettersApplication.class, "--karafka.prefix=tenant-1.",
				"--karafka.dead-letter-queue.topic=orders_dlq");
		assertThat(output).contains("listener 'dead-letters' consumes topic 'orders_dlq', its own dead-letter topic");
	}

	private static void fail(Class<?> applicationClass, String... args) {
		assertThatException().isThrownBy(() -> application(applicationClass).run(args));
	}

	private static SpringApplication application(Class<?> applicationClass) {
		SpringApplication application = new SpringApplication(applicationClass);
		application.setDefaultProperties(Map.of("karafka.bootstrap-servers", "localhost:1", "spring.application.name",
				"dlq-startup", "karafka.probes.enabled", "false"));
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OrdersApplication {

		@KafkaListener(id = "orders", topics = "orders", autoStartup = "false")
		void orders(String payload) {
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DeadLettersApplication {

		@KafkaListener(id = "dead-letters", topics = { "payments", "orders_dlq" }, autoStartup = "false")
		void deadLetters(String payload) {
		}

	}

}
