package dev.karafka.spring.diagnostics.hint;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.readiness.KafkaRetryLogFilter;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the runtime hints: each cause of Karafka's troubleshooting lists
 * provoked on a real broker (PLAINTEXT, SSL with client certificates and SASL_SSL with
 * SCRAM-SHA-512, an authorizer denying what no ACL allows, topic auto-creation off) gives
 * one WARN line, a {@code hint} in readiness and in {@code /actuator/karafka} over real
 * HTTP, and no secret.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class RuntimeHintsIntegrationTests {

	private static final String PREFIX = "tenant-1.";

	private static final Duration AWAIT = Duration.ofSeconds(30);

	private static KafkaTestBroker broker;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startBroker() throws Exception {
		broker = KafkaTestBroker.builder()
			.listeners(Listener.PLAINTEXT, Listener.SSL, Listener.SASL_SSL)
			.authorizer(false)
			.serverProperty("auto.create.topics.enable", "false")
			.start();
		try (Admin admin = broker.createAdmin()) {
			admin
				.createAcls(List.of(acl(ResourceType.TOPIC, PREFIX + "orders"),
						acl(ResourceType.GROUP, PREFIX + "audit-service")))
				.all()
				.get(30, TimeUnit.SECONDS);
			admin
				.createTopics(List.of(new NewTopic(PREFIX + "orders", 1, (short) 1),
						new NewTopic(PREFIX + "audit", 1, (short) 1), new NewTopic("orders", 1, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void wrongScramPasswordHintsAtTheCredentialsAndMskSecretDelay(CapturedOutput output) throws Throwable {
		String password = "wrong-password-4711";
		try (ConfigurableApplicationContext context = application()
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.SASL_SSL),
					"karafka.kafka[security.protocol]=sasl_ssl", "karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512",
					"karafka.kafka[sasl.username]=" + broker.scramUsername(),
					"karafka.kafka[sasl.password]=" + password,
					"karafka.kafka[ssl.ca.pem]=" + broker.certificates().caCertificatePem())
			.run()) {
			String hint = awaitHint(context, "authentication");
			assertThat(hint).contains("refused the SASL credentials", "karafka.kafka[sasl.password]",
					"a new SCRAM secret takes a few minutes to become active",
					"the secret must be associated with the cluster");
			assertThat(readinessHint(context)).contains(hint);
			assertWarnedOnce(output, "authentication", readinessChecks(context, 1));
			assertThat(output.getAll()).doesNotContain(password).doesNotContain(broker.scramPassword());
			assertThat(get(context, "health/readiness") + get(context, "karafka")).doesNotContain(password);
		}
	}

	@Test
	void untrustedBrokerCertificateHintsAtTheCaCertificate(CapturedOutput output) throws Throwable {
		TestCertificates certificates = broker.certificates();
		try (ConfigurableApplicationContext context = application()
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.SSL),
					"karafka.kafka[security.protocol]=ssl",
					"karafka.kafka[ssl.ca.pem]=" + certificates.otherCaCertificatePem(),
					"karafka.kafka[ssl.certificate.pem]=" + certificates.clientCertificatePem(),
					"karafka.kafka[ssl.key.pem]=" + certificates.clientKeyPkcs8Pem())
			.run()) {
			String hint = awaitHint(context, "tls");
			assertThat(hint).contains("TLS handshake with the brokers failed", "karafka.kafka[ssl.ca.pem]",
					"security.protocol (now SSL)");
			assertThat(readinessHint(context)).contains(hint);
			assertWarnedOnce(output, "tls", readinessChecks(context, 1));
			assertThat(output.getAll()).doesNotContain(keyBody(certificates.clientKeyPkcs8Pem()));
		}
	}

	@Test
	void tlsListenerDialledInPlaintextHintsAtTheSecurityProtocol(CapturedOutput output) throws Throwable {
		try (ConfigurableApplicationContext context = application()
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.SSL))
			.run()) {
			String hint = awaitHint(context, "plaintext-to-tls");
			assertThat(hint)
				.contains("TLS listener dialled in plaintext", "security.protocol is PLAINTEXT",
						"karafka.kafka[security.protocol] to SSL or SASL_SSL")
				.doesNotContain("AWS MSK");
			assertThat(readinessHint(context)).contains(hint);
			assertThat(hints(context)).containsKey("plaintext-to-tls").doesNotContainKey("unreachable");
			assertWarnedOnce(output, "plaintext-to-tls", readinessChecks(context, 1));
		}
	}

	@Test
	void plaintextListenerDialledWithTlsHintsAtTheSecurityProtocol(CapturedOutput output) throws Throwable {
		TestCertificates certificates = broker.certificates();
		try (ConfigurableApplicationContext context = application()
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
					"karafka.kafka[security.protocol]=ssl",
					"karafka.kafka[ssl.ca.pem]=" + certificates.caCertificatePem(),
					"karafka.kafka[ssl.certificate.pem]=" + certificates.clientCertificatePem(),
					"karafka.kafka[ssl.key.pem]=" + certificates.clientKeyPkcs8Pem())
			.run()) {
			String hint = awaitHint(context, "tls-to-plaintext");
			assertThat(hint).contains("plaintext listener dialled with TLS", "security.protocol is SSL")
				.doesNotContain("AWS MSK");
			assertThat(readinessHint(context)).contains(hint);
			DocumentContext karafka = JsonPath.parse(get(context, "karafka"));
			assertThat(karafka.read("$.cluster.failure.cause", String.class)).isEqualTo("tls-to-plaintext");
			assertThat(karafka.read("$.cluster.failure.hint", String.class)).isEqualTo(hint);
			assertThat(hints(context)).containsKey("tls-to-plaintext").doesNotContainKey("unreachable");
			assertWarnedOnce(output, "tls-to-plaintext", readinessChecks(context, 1));
			assertThat(output.getAll()).doesNotContain(keyBody(certificates.clientKeyPkcs8Pem()));
		}
	}

	@Test
	void closedPortHintsAtTheBootstrapServersWithoutMskPortsOffMsk(CapturedOutput output) throws Throwable {
		int port = closedPort();
		try (ConfigurableApplicationContext context = application()
			.properties("karafka.bootstrap-servers=localhost:" + port)
			.run()) {
			String hint = awaitHint(context, "unreachable");
			assertThat(hint).contains("No broker answered at localhost/127.0.0.1:" + port, "karafka.bootstrap-servers")
				.doesNotContain("AWS MSK");
			assertThat(readinessHint(context)).contains(hint);
			assertWarnedOnce(output, "unreachable", readinessChecks(context, 1));
		}
	}

	@Test
	void replicationFactorLargerThanTheBrokersHintsAtTheNewTopic(CapturedOutput output) throws Throwable {
		try (ConfigurableApplicationContext context = application(ReplicatedTopicApplication.class)
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT))
			.run()) {
			String hint = awaitHint(context, "replication-factor");
			assertThat(hint).contains("replication factor larger than the number of brokers", "TopicBuilder.replicas",
					"default.replication.factor");
			assertThat(JsonPath.parse(get(context, "health/readiness")).read("$.components.kafka.status", String.class))
				.isEqualTo("UP");
			assertThat(readinessHint(context)).contains(hint);
			assertWarnedOnce(output, "replication-factor", () -> assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(KafkaAdmin.class).initialize()));
		}
	}

	@Test
	void deniedTopicAndGroupHintAtTheAclsAndTheHerokuGroup(CapturedOutput output) throws Throwable {
		try (ConfigurableApplicationContext context = herokuApplication().properties("listeners.auto-startup=true")
			.run()) {
			String group = awaitHint(context, "group-authorization.orders-service");
			assertThat(group).contains(
					"consumer group 'orders-service' ('" + PREFIX + "orders-service' to the brokers)",
					"heroku kafka:consumer-groups:create orders-service.", "karafka.prefix is '" + PREFIX + "'");
			String topic = awaitHint(context, "topic-authorization.audit");
			assertThat(topic).contains("topic 'audit' ('" + PREFIX + "audit' to the brokers)",
					"grant the principal ACLs on topic '" + PREFIX + "audit'");
			assertThat(readinessHint(context)).contains(group, topic);
			HintsApplication application = context.getBean(HintsApplication.class);
			int retries = application.authRetries.get();
			assertWarnedOnce(output, "group-authorization.orders-service",
					() -> await().atMost(AWAIT).until(() -> application.authRetries.get() >= retries + 4));
			assertWarnedOnce(output, "topic-authorization.audit", () -> {
			});
			assertThat(output.getAll()).doesNotContain(keyBody(broker.certificates().clientKeyPkcs1Pem()));
		}
	}

	@Test
	void deadLetterPublishDeniedHintsAtTheDeadLetterTopicsAcl(CapturedOutput output) throws Throwable {
		try (ConfigurableApplicationContext context = herokuApplication()
			.properties("listeners.failing=true", "karafka.initial-offset=earliest",
					"karafka.dead-letter-queue.topic=orders-dlq", "karafka.dead-letter-queue.max-retries=0",
					"karafka.pause.timeout=100ms", "karafka.pause.max-timeout=200ms")
			.run()) {
			context.getBean(KafkaTemplate.class).send("orders", "order-1").get(30, TimeUnit.SECONDS);
			String hint = awaitHint(context, "topic-authorization.orders-dlq");
			assertThat(hint).contains("topic 'orders-dlq' ('" + PREFIX + "orders-dlq' to the brokers)",
					"grant the principal ACLs on topic '" + PREFIX + "orders-dlq'");
			assertThat(hints(context)).containsKey("dead_letter_dispatch.audit-service.orders-0");
			assertThat(readinessHint(context)).contains(hint);
			DeadLetterDispatchFailures failures = context.getBean(DeadLetterDispatchFailures.class);
			assertWarnedOnce(output, "topic-authorization.orders-dlq", () -> await().atMost(AWAIT)
				.until(() -> failures.stuckPartitions().stream().anyMatch((stuck) -> stuck.failures() >= 3)));
		}
	}

	@Test
	void topicDeniedWithoutThePrefixHintsAtKafkaPrefix(CapturedOutput output) throws Throwable {
		try (ConfigurableApplicationContext context = herokuApplication().properties("karafka.prefix=").run()) {
			KafkaTemplate<String, String> template = context.getBean(KafkaTemplate.class);
			assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> template.send("orders", "order-1"));
			String hint = awaitHint(context, "topic-authorization.orders");
			assertThat(hint).contains("topic 'orders'", "karafka.prefix is not set",
					"set KAFKA_PREFIX (heroku config:get KAFKA_PREFIX) or karafka.prefix");
			assertThat(readinessHint(context)).contains(hint);
			assertWarnedOnce(output, "topic-authorization.orders", () -> assertThatExceptionOfType(KafkaException.class)
				.isThrownBy(() -> template.send("orders", "order-2")));
		}
	}

	@Test
	void saslClientOnAListenerWithoutSaslHintsAtTheMechanism(CapturedOutput output) throws Throwable {
		String password = "sasl-on-plaintext-4711";
		try (ConfigurableApplicationContext context = application()
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
					"karafka.kafka[security.protocol]=SASL_PLAINTEXT", "karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512",
					"karafka.kafka[sasl.username]=orders", "karafka.kafka[sasl.password]=" + password)
			.run()) {
			String hint = awaitHint(context, "sasl-mechanism");
			assertThat(hint).contains("does not enable the SASL mechanism", "none means a listener without SASL");
			assertThat(readinessHint(context)).contains(hint);
			assertThat(JsonPath.parse(get(context, "karafka")).read("$.cluster.failure.cause", String.class))
				.isEqualTo("authentication");
			assertThat(output.getAll()).doesNotContain(password);
		}
	}

	@Test
	void missingTopicWithAutoCreationDeniedHintsAtCreatingIt(CapturedOutput output) throws Throwable {
		try (ConfigurableApplicationContext context = application()
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
					"listeners.auto-startup=true", "listeners.topic=missing-topic", "listeners.audit=false")
			.run()) {
			String hint = awaitHint(context, "unknown-topic.missing-topic");
			assertThat(hint).contains("Topic 'missing-topic' does not exist", "auto.create.topics.enable is false",
					"TopicBuilder.name(\"missing-topic\")", "kafka-topics.sh --create --topic missing-topic");
			assertThat(readinessHint(context)).contains(hint);
			AtomicInteger reports = new AtomicInteger();
			context.getBean(KafkaRetryLogFilter.class).addObserver((logger, level, message, throwable) -> {
				if (message.contains("missing-topic=UNKNOWN_TOPIC_OR_PARTITION")) {
					reports.incrementAndGet();
				}
			});
			int logged = count(output.getAll(), "missing-topic=UNKNOWN_TOPIC_OR_PARTITION");
			// The consumer reports the missing topic about once a second, well within the
			// 30 seconds of silence that end the hint, and the log shows it once
			assertWarnedOnce(output, "unknown-topic.missing-topic",
					() -> await().atMost(Duration.ofSeconds(10)).until(() -> reports.get() >= 3));
			assertThat(context.getBean(TroubleshootingHints.class).activeHints())
				.containsKey("unknown-topic.missing-topic");
			assertThat(count(output.getAll(), "missing-topic=UNKNOWN_TOPIC_OR_PARTITION")).isEqualTo(logged);
		}
	}

	private String awaitHint(ConfigurableApplicationContext context, String key) throws Exception {
		TroubleshootingHints hints = context.getBean(TroubleshootingHints.class);
		String hint = await().atMost(AWAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
			get(context, "health/readiness");
			return hints.activeHints().get(key);
		}, (text) -> text != null);
		assertThat(hints(context)).containsEntry(key, hint);
		return hint;
	}

	private Map<String, String> hints(ConfigurableApplicationContext context) throws Exception {
		return JsonPath.parse(get(context, "karafka")).read("$.hints");
	}

	private String readinessHint(ConfigurableApplicationContext context) throws Exception {
		DocumentContext readiness = JsonPath.parse(get(context, "health/readiness"));
		return readiness.read("$.components.kafka.details.hint", String.class);
	}

	private String get(ConfigurableApplicationContext context, String path) throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/" + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	/**
	 * Assert that the hint was logged, and not again while its cause recurred. Every
	 * application running in this JVM observes the clients' log, so the line is counted
	 * before and after the recurrence rather than expected exactly once.
	 */
	private static void assertWarnedOnce(CapturedOutput output, String key, ThrowingRunnable recurrence)
			throws Throwable {
		String line = "Kafka hint [" + key + "]:";
		int logged = count(output.getAll(), line);
		assertThat(logged).as(key).isPositive();
		recurrence.run();
		assertThat(count(output.getAll(), line)).as(key).isEqualTo(logged);
	}

	private ThrowingRunnable readinessChecks(ConfigurableApplicationContext context, int checks) {
		return () -> {
			for (int i = 0; i < checks; i++) {
				readinessHint(context);
			}
		};
	}

	private static int count(String text, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private static SpringApplicationBuilder herokuApplication() {
		TestCertificates certificates = broker.certificates();
		return application().properties("KAFKA_URL=kafka+ssl://" + broker.bootstrapServers(Listener.SSL),
				"KAFKA_TRUSTED_CERT=" + certificates.caCertificatePem(),
				"KAFKA_CLIENT_CERT=" + certificates.clientCertificatePem(),
				"KAFKA_CLIENT_CERT_KEY=" + certificates.clientKeyPkcs1Pem(), "KAFKA_PREFIX=" + PREFIX);
	}

	private static SpringApplicationBuilder application() {
		return application(HintsApplication.class);
	}

	private static SpringApplicationBuilder application(Class<?> application) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "management.endpoints.web.exposure.include=health,karafka",
					"management.endpoint.health.probes.enabled=true",
					"management.endpoint.health.group.readiness.include=readinessState,kafka",
					"management.endpoint.health.group.readiness.show-details=always", "karafka.readiness.timeout=1s",
					"karafka.readiness.cache-time-to-live=0s", "spring.kafka.listener.auth-exception-retry-interval=1s",
					"spring.kafka.producer.properties[max.block.ms]=2000");
	}

	private static String keyBody(String pem) {
		String[] lines = pem.strip().split("\n");
		return lines[lines.length / 2];
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static AclBinding acl(ResourceType type, String name) {
		return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
				new AccessControlEntry("User:CN=karafka-client", "*", AclOperation.ALL, AclPermissionType.ALLOW));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class HintsApplication {

		final AtomicInteger authRetries = new AtomicInteger();

		@EventListener
		void onAuthRetry(ConsumerRetryAuthEvent event) {
			this.authRetries.incrementAndGet();
		}

		@KafkaListener(id = "orders", topics = "${listeners.topic:orders}", groupId = "orders-service",
				autoStartup = "${listeners.auto-startup:false}")
		void orders(String order) {
		}

		@KafkaListener(id = "failing", topics = "orders", groupId = "audit-service",
				autoStartup = "${listeners.failing:false}")
		void fail(String order) {
			throw new IllegalStateException("Cannot process " + order);
		}

		@KafkaListener(id = "audit", topics = "audit", groupId = "audit-service",
				autoStartup = "${listeners.audit:${listeners.auto-startup:false}}")
		void audit(String event) {
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ReplicatedTopicApplication {

		@Bean
		NewTopic replicatedTopic() {
			return TopicBuilder.name("replicated").replicas(3).build();
		}

	}

}
