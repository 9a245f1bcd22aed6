package dev.karafka.spring.test.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;

import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link KafkaTestBroker}.
 *
 * @author karafka-spring
 */
@ExtendWith(KafkaTestBrokerExtension.class)
class KafkaTestBrokerIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final KafkaTestBroker broker;

	KafkaTestBrokerIntegrationTests(KafkaTestBroker broker) {
		this.broker = broker;
	}

	@Test
	void plaintextClientProducesAndConsumes() throws Exception {
		assertRoundTrip(this.broker, plaintext());
	}

	@Test
	void sslClientWithRsaCertificateAndPkcs8KeyProducesAndConsumes() throws Exception {
		TestCertificates certificates = this.broker.certificates();
		assertRoundTrip(this.broker, ssl(this.broker.bootstrapServers(Listener.SSL),
				certificates.clientCertificatePem(), certificates.clientKeyPkcs8Pem()));
	}

	@Test
	void sslClientWithEcCertificateAndPkcs8KeyProducesAndConsumes() throws Exception {
		TestCertificates certificates = this.broker.certificates();
		assertRoundTrip(this.broker, ssl(this.broker.bootstrapServers(Listener.SSL),
				certificates.ecClientCertificatePem(), certificates.ecClientKeyPkcs8Pem()));
	}

	@Test
	void scramClientWithBrokerCredentialsProducesAndConsumes() throws Exception {
		assertRoundTrip(this.broker, scram(this.broker, this.broker.scramPassword()));
	}

	@Test
	void scramWithWrongPasswordFailsAuthentication() {
		Map<String, Object> config = failFast(scram(this.broker, "not-" + this.broker.scramPassword()));
		assertThatThrownBy(() -> produce(config, createTopic(this.broker)))
			.is(causedBy(SaslAuthenticationException.class));
	}

	@Test
	void oauthbearerClientWithUnsecuredTokenProducesAndConsumes() throws Exception {
		assertRoundTrip(this.broker, oauthbearer(this.broker, "alice"));
	}

	@Test
	void sslByIpAddressFailsHostnameVerification() {
		Map<String, Object> config = failFast(sslByIpAddress());
		assertThatThrownBy(() -> produce(config, createTopic(this.broker))).is(causedBy(SSLHandshakeException.class));
	}

	@Test
	void sslByIpAddressWithoutHostnameVerificationProducesAndConsumes() throws Exception {
		Map<String, Object> config = sslByIpAddress();
		config.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
		assertRoundTrip(this.broker, config);
	}

	@Test
	void createTopicIgnoresExistingTopic() {
		String topic = createTopic(this.broker);
		assertThatNoException().isThrownBy(() -> this.broker.createTopic(topic, 1));
	}

	@Test
	void certificatesAreWrittenToDataDirectory() {
		TestCertificates certificates = this.broker.certificates();
		assertThat(certificates.caCertificateFile()).startsWith(this.broker.dataDirectory())
			.hasContent(certificates.caCertificatePem());
		assertThat(certificates.clientCertificateFile()).hasContent(certificates.clientCertificatePem());
		assertThat(certificates.clientKeyPkcs8File()).hasContent(certificates.clientKeyPkcs8Pem());
		assertThat(certificates.clientKeyPkcs1File()).hasContent(certificates.clientKeyPkcs1Pem());
		assertThat(certificates.clientKeyPkcs8Pem()).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(certificates.clientKeyPkcs1Pem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		assertThat(certificates.ecClientKeyPkcs8Pem()).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(certificates.ecClientKeySec1Pem()).startsWith("-----BEGIN EC PRIVATE KEY-----");
		assertThat(certificates.unrelatedKeyPkcs8Pem()).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(certificates.otherCaCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----")
			.isNotEqualTo(certificates.caCertificatePem());
	}

	@Test
	void closeDeletesTemporaryDataDirectory() {
		KafkaTestBroker plaintextOnly = KafkaTestBroker.builder().listeners(Listener.PLAINTEXT).start();
		Path dataDirectory = plaintextOnly.dataDirectory();
		assertThat(dataDirectory).isDirectory();
		plaintextOnly.close();
		assertThat(dataDirectory).doesNotExist();
	}

	@Test
	void restartOnSameDataDirectoryKeepsTopicsAndAppliesScramUser(@TempDir Path dataDirectory) throws Exception {
		String topic;
		try (KafkaTestBroker first = KafkaTestBroker.builder()
			.listeners(Listener.SASL_SSL)
			.dataDirectory(dataDirectory)
			.scramUser("alice", "first-password")
			.start()) {
			topic = createTopic(first);
		}
		try (KafkaTestBroker second = KafkaTestBroker.builder()
			.listeners(Listener.SASL_SSL)
			.dataDirectory(dataDirectory)
			.scramUser("alice", "second-password")
			.start()) {
			try (Admin admin = second.createAdmin()) {
				assertThat(admin.listTopics().names().get()).contains(topic);
			}
			Map<String, Object> config = scram(second, "second-password");
			produce(config, topic);
			assertThat(consume(config, topic)).containsExactly("hello " + topic);
		}
	}

	@Test
	void secondBrokerOnTheDataDirectoryOfARunningOneFailsWithoutChangingIt(@TempDir Path dataDirectory)
			throws Exception {
		try (KafkaTestBroker first = KafkaTestBroker.builder()
			.listeners(Listener.PLAINTEXT)
			.dataDirectory(dataDirectory)
			.start()) {
			String topic = createTopic(first);
			String certificate = Files.readString(dataDirectory.resolve("certificates/ca.pem"));
			assertThatExceptionOfType(BrokerDataDirectoryInUseException.class).isThrownBy(
					() -> KafkaTestBroker.builder().listeners(Listener.PLAINTEXT).dataDirectory(dataDirectory).start())
				.satisfies((ex) -> assertThat(ex.getDirectory()).isEqualTo(dataDirectory));
			assertThat(Files.readString(dataDirectory.resolve("certificates/ca.pem"))).isEqualTo(certificate);
			try (Admin admin = first.createAdmin()) {
				assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
			}
		}
		try (KafkaTestBroker afterTheFirst = KafkaTestBroker.builder()
			.listeners(Listener.PLAINTEXT)
			.dataDirectory(dataDirectory)
			.start()) {
			assertThat(afterTheFirst.dataDirectory()).isEqualTo(dataDirectory);
		}
	}

	@Test
	void fixedPortInUseFailsStart() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = socket.getLocalPort();
			assertThatIllegalStateException()
				.isThrownBy(() -> KafkaTestBroker.builder().port(Listener.PLAINTEXT, port).start())
				.withMessage("Port " + port + " for listener PLAINTEXT is already in use");
		}
	}

	@Nested
	@TestInstance(Lifecycle.PER_CLASS)
	class WithAuthorizer {

		private KafkaTestBroker securedBroker;

		@BeforeAll
		void startSecuredBroker() {
			this.securedBroker = KafkaTestBroker.builder()
				.listeners(Listener.SASL_SSL, Listener.SASL_OAUTHBEARER)
				.scramUser("admin", "admin-secret")
				.superUser("User:admin")
				.authorizer(false)
				.start();
		}

		@AfterAll
		void stopSecuredBroker() {
			this.securedBroker.close();
		}

		@Test
		void principalWithoutAclIsDeniedTopic() {
			Map<String, Object> config = failFast(oauthbearer(this.securedBroker, "alice"));
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
			assertThatThrownBy(() -> produce(config, createTopic(this.securedBroker)))
				.is(causedBy(TopicAuthorizationException.class));
		}

		@Test
		void superUserIsAllowedWithoutAcl() throws Exception {
			assertRoundTrip(this.securedBroker, scram(this.securedBroker, "admin-secret"));
		}

		@Test
		void bootstrapServersOfDisabledListenerFails() {
			assertThatIllegalStateException().isThrownBy(() -> this.securedBroker.bootstrapServers(Listener.PLAINTEXT))
				.withMessageContaining("PLAINTEXT");
		}

	}

	private static Map<String, Object> oauthbearer(KafkaTestBroker broker, String subject) {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.SASL_OAUTHBEARER));
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		config.put(SaslConfigs.SASL_MECHANISM, "OAUTHBEARER");
		config.put(SaslConfigs.SASL_JAAS_CONFIG,
				"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
						+ "unsecuredLoginStringClaim_sub=\"" + subject + "\";");
		return config;
	}

	private Map<String, Object> plaintext() {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.broker.bootstrapServers(Listener.PLAINTEXT));
		return config;
	}

	private Map<String, Object> sslByIpAddress() {
		TestCertificates certificates = this.broker.certificates();
		String bootstrapServers = this.broker.bootstrapServers(Listener.SSL).replace("localhost", "127.0.0.1");
		return ssl(bootstrapServers, certificates.clientCertificatePem(), certificates.clientKeyPkcs8Pem());
	}

	private Map<String, Object> ssl(String bootstrapServers, String certificate, String key) {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
		config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
		config.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, certificate);
		config.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, key);
		config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
		config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, this.broker.certificates().caCertificatePem());
		return config;
	}

	private static Map<String, Object> scram(KafkaTestBroker broker, String password) {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.SASL_SSL));
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
		config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
		config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
				+ "username=\"" + broker.scramUsername() + "\" password=\"" + password + "\";");
		config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
		config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, broker.certificates().caCertificatePem());
		return config;
	}

	private static Map<String, Object> failFast(Map<String, Object> config) {
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
		return config;
	}

	private static String createTopic(KafkaTestBroker broker) {
		String topic = "test-" + UUID.randomUUID();
		broker.createTopic(topic, 1);
		return topic;
	}

	private static void assertRoundTrip(KafkaTestBroker broker, Map<String, Object> config) throws Exception {
		String topic = createTopic(broker);
		produce(config, topic);
		assertThat(consume(config, topic)).containsExactly("hello " + topic);
	}

	private static void produce(Map<String, Object> config, String topic) throws Exception {
		try (Producer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "hello " + topic)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private static List<String> consume(Map<String, Object> config, String topic) {
		Map<String, Object> consumerConfig = new HashMap<>(config);
		consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
		consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<String> values = new ArrayList<>();
		try (Consumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(TIMEOUT).pollInSameThread().until(() -> {
				consumer.poll(Duration.ofMillis(100)).forEach((record) -> values.add(record.value()));
				return !values.isEmpty();
			});
		}
		return values;
	}

	private static Condition<Throwable> causedBy(Class<? extends Throwable> type) {
		return new Condition<>((throwable) -> Stream.iterate(throwable, Objects::nonNull, Throwable::getCause)
			.anyMatch(type::isInstance), "caused by %s", type.getName());
	}

}
