package dev.karafka.spring.devbroker;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link DevBrokerAutoConfiguration} that start a real broker.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevBrokerIntegrationTests {

	private static final String TOPIC = "dev-broker-greetings";

	private final int port = TestSocketUtils.findAvailableTcpPort();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DevBrokerAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("karafka.dev-broker.port=" + this.port, "spring.kafka.admin.fail-fast=true",
				"spring.kafka.consumer.auto-offset-reset=earliest");

	@Test
	void autoConfiguredKafkaTemplateAndListenerUseDevBroker() {
		this.contextRunner.withUserConfiguration(GreetingsConfiguration.class).run((context) -> {
			assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
				.containsExactly("localhost:" + this.port);
			String greeting = "hello " + UUID.randomUUID();
			context.getBean(KafkaTemplate.class).send(TOPIC, greeting).get();
			GreetingsListener listener = context.getBean(GreetingsListener.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(listener.received).contains(greeting));
		});
	}

	@Test
	void warnsOnceThatBrokerIsForDevelopmentOnlyWithItsDataUnderTarget(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			Path dataDirectory = context.getBean(KafkaTestBroker.class).dataDirectory();
			assertThat(dataDirectory).isEqualTo(Path.of("target", "karafka-dev-broker").toAbsolutePath());
			assertThat(output.getOut().lines().filter((line) -> line.contains("for development only"))).singleElement()
				.asString()
				.contains("WARN", "localhost:" + this.port, dataDirectory.toString());
			assertThat(output.getOut()).doesNotContain("Started Kafka test broker");
		});
	}

	@Test
	void stopsWithApplicationContext() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(KafkaTestBroker.class));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			try (ServerSocket socket = new ServerSocket(this.port)) {
				assertThat(socket.getLocalPort()).isEqualTo(this.port);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class GreetingsConfiguration {

		@Bean
		NewTopic greetingsTopic() {
			return TopicBuilder.name(TOPIC).partitions(1).build();
		}

		@Bean
		GreetingsListener greetingsListener() {
			return new GreetingsListener();
		}

	}

	static class GreetingsListener {

		private final List<String> received = new CopyOnWriteArrayList<>();

		@KafkaListener(topics = TOPIC, groupId = "dev-broker-tests")
		void listen(String greeting) {
			this.received.add(greeting);
		}

	}

}
