package dev.karafka.spring.devbroker;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link DevBrokerAutoConfiguration} that start a real broker.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevBrokerIntegrationTests {

	private static final String TOPIC = "dev-broker-greetings";

	/**
	 * Logging of an application that sets no levels, with the loggers' full names.
	 */
	private static final String[] APPLICATION_LOGGING = { "logging.config=classpath:logback-application.xml",
			"logging.pattern.console=%level %logger %msg%n" };

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

	@Test
	void misspeltSaslSettingIsReportedBeforeTheBrokerStarts(CapturedOutput output) {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> listenerApplication("karafka.kafka[sasl.pasword]=secret").run())
			.havingRootCause()
			.isInstanceOf(InvalidSettingException.class)
			.withMessageContaining("'karafka.kafka.sasl.pasword'");
		assertThat(output).doesNotContain("Started an in-process Kafka broker");
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void misspeltSaslSettingIsReportedRatherThanTheBrokersSecurityProtocolRefusal(boolean oneOffCommand) {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> listenerApplication("karafka.kafka[security.protocol]=SASL_SSL",
					"karafka.kafka[sasl.username]=orders", "karafka.kafka[sasl.pasword]=secret",
					DevBrokerAutoConfiguration.ATTACH + "=" + oneOffCommand)
				.run())
			.havingRootCause()
			.isInstanceOf(InvalidSettingException.class)
			.withMessageContaining(
					"'sasl.password' is missing ('karafka.kafka.sasl.pasword' is given: a misspelling of "
							+ "'sasl.password'?)");
	}

	@Test
	void brokerLogsOnlyWarningsWhileTheClientsKeepTheirLevels(CapturedOutput output) {
		try (ConfigurableApplicationContext context = listenerApplication(APPLICATION_LOGGING).run()) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output).contains("INFO org.apache.kafka.clients.consumer"));
			assertThat(output).doesNotContain("INFO kafka.", "INFO state.change.logger", "INFO org.apache.kafka.raft",
					"INFO org.apache.kafka.server", "INFO org.apache.kafka.controller");
		}
	}

	@Test
	void applicationsLevelOfBrokerLoggersWins(CapturedOutput output) {
		try (ConfigurableApplicationContext context = listenerApplication(APPLICATION_LOGGING)
			.properties("logging.level.kafka=info", "logging.level.org.apache.kafka.raft=info")
			.run()) {
			assertThat(output).contains("INFO kafka.server.BrokerServer", "INFO org.apache.kafka.raft.")
				.doesNotContain("INFO org.apache.kafka.controller");
		}
	}

	private SpringApplicationBuilder listenerApplication(String... properties) {
		return new SpringApplicationBuilder(ListenerApplication.class).web(WebApplicationType.NONE)
			.properties("karafka.dev-broker.port=" + this.port, "karafka.probes.enabled=false")
			.properties(properties);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ListenerApplication {

		@KafkaListener(topics = TOPIC, groupId = "dev-broker-tests")
		void listen(String greeting) {
		}

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
