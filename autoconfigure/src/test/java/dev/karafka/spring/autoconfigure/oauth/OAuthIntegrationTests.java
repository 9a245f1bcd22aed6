package dev.karafka.spring.autoconfigure.oauth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.oauth.OAuthTokenProviderLoginCallbackHandler;
import dev.karafka.spring.readiness.KafkaClusterHealthIndicator;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KarafkaOAuthAutoConfiguration}: applications whose tokens
 * come from an {@code OAuthTokenProvider} bean, against a real broker's OAUTHBEARER
 * listener that requires clients to re-authenticate every three seconds.
 *
 * @author karafka-spring
 */
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class OAuthIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String[] FAST_REFRESH = { "karafka.kafka[sasl.login.refresh.window.factor]=0.5",
			"karafka.kafka[sasl.login.refresh.window.jitter]=0",
			"karafka.kafka[sasl.login.refresh.min.period.seconds]=1",
			"karafka.kafka[sasl.login.refresh.buffer.seconds]=1" };

	private KafkaTestBroker broker;

	@BeforeAll
	void startBroker() {
		this.broker = KafkaTestBroker.builder()
			.listeners(Listener.SASL_OAUTHBEARER)
			.serverProperty("connections.max.reauth.ms", "3000")
			.start();
	}

	@AfterAll
	void stopBroker() {
		this.broker.close();
	}

	@Test
	void tokensFromTheProviderServeListenersTemplatesAndTheAdmin() throws Exception {
		JwsTokenProvider provider = new JwsTokenProvider("alice", Duration.ofMinutes(5));
		String topic = topic();
		try (ConfigurableApplicationContext context = run(ListenerApplication.class, provider, topic)) {
			KafkaTemplate<Object, Object> template = template(context);
			template.send(topic, "from the default template").get(30, TimeUnit.SECONDS);
			DefaultKafkaProducerFactory<Object, Object> producerFactory = context
				.getBean(DefaultKafkaProducerFactory.class);
			new KafkaTemplate<>(producerFactory).send(topic, "from a custom template").get(30, TimeUnit.SECONDS);
			KafkaTemplate<Object, Object> overriding = new KafkaTemplate<>(producerFactory,
					Map.of(ProducerConfig.CLIENT_ID_CONFIG, "custom"));
			try {
				overriding.send(topic, "from a template with overrides").get(30, TimeUnit.SECONDS);
			}
			finally {
				overriding.destroy();
			}
			assertReceived(context, "from the default template", "from a custom template",
					"from a template with overrides");
			assertThat(context.getBean(KafkaAdmin.class).describeTopics("oauth-admin-" + topic)).hasSize(1);
			assertThat(context.getBean(KafkaClusterHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		}
		assertThat(provider.calls()).isPositive();
	}

	@Test
	void kafkaStreamsAuthenticatesWithTheProvidersTokens(@TempDir Path stateDir) throws Exception {
		JwsTokenProvider provider = new JwsTokenProvider("alice", Duration.ofMinutes(5));
		String topic = topic();
		String upper = topic();
		try (ConfigurableApplicationContext context = run(StreamsApplication.class, provider, topic,
				"oauth.upper=" + upper, "spring.application.name=oauth-streams-" + UUID.randomUUID(),
				"spring.kafka.streams.state-dir=" + stateDir,
				"spring.kafka.streams.properties[default.key.serde]=" + Serdes.StringSerde.class.getName(),
				"spring.kafka.streams.properties[default.value.serde]=" + Serdes.StringSerde.class.getName())) {
			template(context).send(topic, "through kafka streams").get(30, TimeUnit.SECONDS);
			Queue<String> upperCase = context.getBean(UpperCaseRecords.class).payloads;
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(upperCase).contains("THROUGH KAFKA STREAMS"));
		}
		assertThat(provider.calls()).isPositive();
	}

	@Test
	void providerIsCalledAgainBeforeTokensExpireAndClientsReauthenticate() throws Exception {
		JwsTokenProvider provider = new JwsTokenProvider("alice", Duration.ofSeconds(4));
		String topic = topic();
		try (ConfigurableApplicationContext context = run(ListenerApplication.class, provider, topic, FAST_REFRESH)) {
			KafkaTemplate<Object, Object> template = template(context);
			template.send(topic, "first").get(30, TimeUnit.SECONDS);
			assertReceived(context, "first");
			int calls = provider.calls();
			await().atMost(TIMEOUT).until(() -> provider.calls() >= calls + 3);
			await().atMost(TIMEOUT).until(() -> reauthentications(context, "successful") > 0);
			template.send(topic, "after refresh").get(30, TimeUnit.SECONDS);
			assertReceived(context, "after refresh");
		}
	}

	@Test
	void clientsRecoverWhenTheProviderFailsAfterTheFirstLoginAndReturns() throws Exception {
		JwsTokenProvider provider = new JwsTokenProvider("alice", Duration.ofSeconds(4));
		String topic = topic();
		try (ConfigurableApplicationContext context = run(ListenerApplication.class, provider, topic, FAST_REFRESH)) {
			KafkaTemplate<Object, Object> template = template(context);
			template.send(topic, "before the outage").get(30, TimeUnit.SECONDS);
			assertReceived(context, "before the outage");
			provider.failing(true);
			await().atMost(TIMEOUT).until(() -> reauthentications(context, "failed") > 0);
			provider.failing(false);
			double reauthenticated = reauthentications(context, "successful");
			await().atMost(TIMEOUT).until(() -> reauthentications(context, "successful") > reauthenticated);
			template.send(topic, "after the outage").get(30, TimeUnit.SECONDS);
			assertReceived(context, "after the outage");
		}
	}

	@Test
	void failingProviderFailsTheClientUntilItReturnsTokens(CapturedOutput output) throws Exception {
		JwsTokenProvider provider = new JwsTokenProvider("alice", Duration.ofMinutes(5));
		provider.failing(true);
		String topic = topic();
		try (ConfigurableApplicationContext context = run(ProducerApplication.class, provider, topic)) {
			KafkaTemplate<Object, Object> template = template(context);
			assertThatException().isThrownBy(() -> template.send(topic, "refused"))
				.havingRootCause()
				.withMessage("identity provider unreachable");
			assertThat(output)
				.contains("OAuth token provider could not provide a token: identity provider unreachable");
			provider.failing(false);
			template.send(topic, "accepted").get(30, TimeUnit.SECONDS);
		}
		assertThat(output).doesNotContain(JwsTokenProvider.HEADER);
	}

	@Test
	void twoContextsUseTheirOwnProviders() throws Exception {
		JwsTokenProvider alice = new JwsTokenProvider("alice", Duration.ofMinutes(5));
		JwsTokenProvider bob = new JwsTokenProvider("bob", Duration.ofMinutes(5));
		String topic = topic();
		try (ConfigurableApplicationContext aliceContext = run(ListenerApplication.class, alice, topic);
				ConfigurableApplicationContext bobContext = run(ListenerApplication.class, bob, topic)) {
			template(aliceContext).send(topic, "from alice").get(30, TimeUnit.SECONDS);
			template(bobContext).send(topic, "from bob").get(30, TimeUnit.SECONDS);
			assertReceived(aliceContext, "from alice", "from bob");
			assertReceived(bobContext, "from alice", "from bob");
			assertThat(aliceContext.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
				.containsEntry(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, alice);
			assertThat(bobContext.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
				.containsEntry(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, bob);
		}
		assertThat(alice.calls()).isPositive();
		assertThat(bob.calls()).isPositive();
	}

	private String topic() {
		String topic = "oauth-" + UUID.randomUUID();
		this.broker.createTopic(topic, 1);
		return topic;
	}

	private ConfigurableApplicationContext run(Class<?> application, JwsTokenProvider provider, String topic,
			String... properties) {
		ApplicationContextInitializer<ConfigurableApplicationContext> registerProvider = (
				context) -> context.getBeanFactory().registerSingleton("tokenProvider", provider);
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.initializers(registerProvider)
			.properties("karafka.bootstrap-servers=" + this.broker.bootstrapServers(Listener.SASL_OAUTHBEARER),
					"karafka.kafka[security.protocol]=SASL_PLAINTEXT", "karafka.kafka[sasl.mechanisms]=OAUTHBEARER",
					"oauth.topic=" + topic, "spring.kafka.consumer.auto-offset-reset=earliest",
					"spring.kafka.consumer.group-id=" + UUID.randomUUID(), "server.port=0")
			.properties(properties)
			.run();
	}

	@SuppressWarnings("unchecked")
	private static KafkaTemplate<Object, Object> template(ConfigurableApplicationContext context) {
		return context.getBean(KafkaTemplate.class);
	}

	private static void assertReceived(ConfigurableApplicationContext context, String... payloads) {
		Queue<String> received = context.getBean(ReceivedRecords.class).payloads;
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(received).contains(payloads));
	}

	private static double reauthentications(ConfigurableApplicationContext context, String outcome) {
		return context.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainers()
			.stream()
			.flatMap((container) -> container.metrics().values().stream())
			.flatMap((metrics) -> metrics.entrySet().stream())
			.filter((entry) -> entry.getKey().name().equals(outcome + "-reauthentication-total"))
			.mapToDouble((entry) -> ((Number) entry.getValue().metricValue()).doubleValue())
			.sum();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProducerApplication {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ListenerApplication {

		@Bean
		ReceivedRecords receivedRecords() {
			return new ReceivedRecords();
		}

		@Bean
		NewTopic adminTopic(Environment environment) {
			return new NewTopic("oauth-admin-" + environment.getProperty("oauth.topic"), 1, (short) 1);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableKafkaStreams
	static class StreamsApplication {

		@Bean
		KStream<String, String> upperCase(StreamsBuilder builder, Environment environment) {
			KStream<String, String> stream = builder.stream(environment.getRequiredProperty("oauth.topic"));
			stream.mapValues((value) -> value.toUpperCase(Locale.ROOT))
				.to(environment.getRequiredProperty("oauth.upper"));
			return stream;
		}

		@Bean
		UpperCaseRecords upperCaseRecords() {
			return new UpperCaseRecords();
		}

	}

	static class UpperCaseRecords {

		private final Queue<String> payloads = new ConcurrentLinkedQueue<>();

		@KafkaListener(topics = "${oauth.upper}")
		void onUpperCase(String payload) {
			this.payloads.add(payload);
		}

	}

	static class ReceivedRecords {

		private final Queue<String> payloads = new ConcurrentLinkedQueue<>();

		@KafkaListener(topics = "${oauth.topic}")
		void onRecord(String payload) {
			this.payloads.add(payload);
		}

	}

}
