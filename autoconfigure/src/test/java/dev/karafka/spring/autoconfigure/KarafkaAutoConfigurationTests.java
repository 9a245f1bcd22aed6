package dev.karafka.spring.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.PlatformKafkaSettings;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.adminConfig;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.assertInvalidSetting;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.consumerConfig;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.producerConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaAutoConfiguration}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class KarafkaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				SslAutoConfiguration.class));

	@Test
	void karafkaBootstrapServersWinOverSpringKafka() {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=spring:9092",
					"spring.kafka.consumer.bootstrap-servers=spring-consumer:9092",
					"karafka.bootstrap-servers=karafka1:9092,karafka2:9092")
			.run((context) -> {
				assertThat(context).hasSingleBean(KarafkaConnectionDetails.class);
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers",
						List.of("karafka1:9092", "karafka2:9092"));
				assertThat(producerConfig(context)).containsEntry("bootstrap.servers",
						List.of("karafka1:9092", "karafka2:9092"));
				assertThat(adminConfig(context)).containsEntry("bootstrap.servers",
						List.of("karafka1:9092", "karafka2:9092"));
			});
	}

	@Test
	void typedBootstrapServersWinOverTheKafkaMap() {
		this.contextRunner
			.withPropertyValues("karafka.kafka.bootstrap.servers=map:9092", "karafka.bootstrap-servers=typed:9092")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("bootstrap.servers",
					List.of("typed:9092")));
	}

	@Test
	void springKafkaStillAppliesToWhatKarafkaLeavesUnset() {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=spring:9092",
					"spring.kafka.consumer.max-poll-records=7", "spring.kafka.producer.acks=1")
			.run((context) -> {
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers", List.of("spring:9092"))
					.containsEntry("max.poll.records", 7);
				assertThat(producerConfig(context)).containsEntry("acks", "1");
			});
	}

	@Test
	void kafkaMapWinsOverSpringKafkaClientSettings() {
		this.contextRunner
			.withPropertyValues("spring.kafka.consumer.group-id=spring-group", "spring.kafka.producer.acks=1",
					"karafka.kafka[group.id]=karafka-group", "karafka.kafka[request.required.acks]=all")
			.run((context) -> {
				assertThat(consumerConfig(context)).containsEntry("group.id", "karafka-group");
				assertThat(producerConfig(context)).containsEntry("acks", "all");
			});
	}

	@Test
	void platformSettingsAreWeakerThanKarafkaAndStrongerThanSpringKafka() {
		PlatformKafkaSettings platform = (settings) -> settings
			.add("bootstrap.servers", "platform:9092", "PLATFORM_URL")
			.add("client.id", "platform-client", "PLATFORM_CLIENT")
			.add("max.poll.records", "13", "PLATFORM_POLL");
		this.contextRunner.withBean(PlatformKafkaSettings.class, () -> platform)
			.withPropertyValues("spring.kafka.bootstrap-servers=spring:9092",
					"spring.kafka.consumer.max-poll-records=7", "karafka.client-id=explicit")
			.run((context) -> assertThat(consumerConfig(context))
				.containsEntry("bootstrap.servers", List.of("platform:9092"))
				.containsEntry("client.id", "explicit")
				.containsEntry("max.poll.records", "13"));
	}

	@Test
	void noClusterConfiguredOnKubernetesIsWarned(CapturedOutput output) {
		String warning = "No Kafka cluster is configured on Kubernetes (KUBERNETES_SERVICE_HOST is set): the clients "
				+ "use Spring Boot's default bootstrap servers, localhost:9092";
		this.contextRunner.withPropertyValues("KUBERNETES_SERVICE_HOST=10.0.0.1")
			.run((context) -> assertThat(output).contains(warning));
	}

	@Test
	void configuredClusterOrNoPlatformIsNotWarned(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("KUBERNETES_SERVICE_HOST=10.0.0.1", "karafka.bootstrap-servers=broker:9092")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withPropertyValues("DYNO=web.1", "spring.kafka.bootstrap-servers=broker:9092")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("No Kafka cluster is configured");
	}

	@Test
	void platformSettingErrorsNameTheEnvironmentVariable() {
		PlatformKafkaSettings platform = (settings) -> settings.add("bootstrap.servers", "broker:x", "PLATFORM_URL");
		this.contextRunner.withBean(PlatformKafkaSettings.class, () -> platform).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new InvalidSettingFailureAnalyzer(new StandardEnvironment()).analyze(context.getStartupFailure())
				.getDescription()).startsWith("Invalid setting 'PLATFORM_URL'");
		});
	}

	@Test
	void typedGroupIdWinsOverTheKafkaMap() {
		this.contextRunner.withPropertyValues("karafka.kafka[group.id]=map-group", "karafka.group-id=typed-group")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("group.id", "typed-group"));
	}

	@Test
	void groupIdDefaultsToTheApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=users-service")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("group.id", "users-service"));
	}

	@Test
	void springKafkaGroupIdWinsOverTheApplicationName() {
		this.contextRunner
			.withPropertyValues("spring.application.name=users-service", "spring.kafka.consumer.group-id=explicit")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("group.id", "explicit"));
	}

	@Test
	void seedAwsMskSettingsReachEveryClient() {
		this.contextRunner.withPropertyValues(
				"karafka.kafka[bootstrap.servers]=yourcluster-broker1.amazonaws.com:9096,yourcluster-broker2.amazonaws.com:9096",
				"karafka.kafka[security.protocol]=SASL_SSL", "karafka.kafka[sasl.username]=username",
				"karafka.kafka[sasl.password]=password", "karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512")
			.run((context) -> {
				List<String> servers = List.of("yourcluster-broker1.amazonaws.com:9096",
						"yourcluster-broker2.amazonaws.com:9096");
				for (Map<String, Object> config : List.of(consumerConfig(context), producerConfig(context),
						adminConfig(context))) {
					assertThat(config).containsEntry("bootstrap.servers", servers)
						.containsEntry("security.protocol", "SASL_SSL")
						.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
						.containsEntry("sasl.jaas.config",
								"org.apache.kafka.common.security.scram.ScramLoginModule required "
										+ "username=\"username\" password=\"password\";");
				}
			});
	}

	@Test
	void pemMaterialBecomesTheSslBundleOfEveryClient() {
		TestCertificates certificates = KafkaTestBroker.shared().certificates();
		this.contextRunner
			.withPropertyValues("karafka.kafka[security.protocol]=ssl",
					"karafka.kafka[ssl.ca.pem]=" + certificates.caCertificatePem(),
					"karafka.kafka[ssl.certificate.pem]=" + certificates.clientCertificatePem(),
					"karafka.kafka[ssl.key.pem]=" + certificates.clientKeyPkcs1Pem())
			.run((context) -> {
				KafkaConnectionDetails details = context.getBean(KafkaConnectionDetails.class);
				assertThat(details.getConsumer().getSslBundle()).isNotNull();
				assertThat(details.getSslBundle().getStores().getKeyStore().size()).isOne();
				assertThat(consumerConfig(context)).containsEntry("security.protocol", "SSL")
					.containsKey("org.springframework.boot.ssl.SslBundle");
				assertThat(adminConfig(context)).containsKey("org.springframework.boot.ssl.SslBundle");
			});
	}

	@Test
	void userConnectionDetailsWinAndOtherSettingsStillApply() {
		this.contextRunner.withBean(KafkaConnectionDetails.class, () -> () -> List.of("user:9092"))
			.withPropertyValues("karafka.bootstrap-servers=karafka:9092", "karafka.kafka[max.poll.records]=11")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KarafkaConnectionDetails.class);
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers", List.of("user:9092"))
					.containsEntry("max.poll.records", "11");
			});
	}

	@Test
	void disabledLeavesSpringKafkaAlone() {
		this.contextRunner
			.withPropertyValues("karafka.enabled=false", "karafka.bootstrap-servers=karafka:9092",
					"spring.kafka.bootstrap-servers=spring:9092")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ClientSettings.class)
					.doesNotHaveBean(KarafkaConnectionDetails.class);
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers", List.of("spring:9092"));
			});
	}

	@Test
	void librdkafkaOnlySettingsGiveOneWarning(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("karafka.kafka[statistics.interval.ms]=5000",
					"karafka.kafka[enable.partition.eof]=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).containsOnlyOnce("Ignoring librdkafka settings")
					.contains("statistics.interval.ms, enable.partition.eof");
			});
	}

	@Test
	void secretsAreSanitized() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("karafkaSanitizingFunction", SanitizingFunction.class);
			for (String key : List.of("karafka.kafka.sasl.password", "karafka.kafka[sasl.jaas.config]",
					"karafka.kafka.ssl.key.pem", "karafka.kafka[ssl.key.password]", "KAFKA_CLIENT_CERT_KEY",
					"HEROKU_KAFKA_CLIENT_CERT_KEY", "spring.kafka.consumer.properties.sasl.jaas.config",
					"KARAFKA_KAFKA_SSL_KEY_PEM", "KARAFKA_KAFKA_SASL_JAAS_CONFIG", "KARAFKA_KAFKA_SASL_PASSWORD",
					"KARAFKA_PRODUCER_KAFKA_SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE",
					"karafka.consumer.kafka[ssl.keystore.password]", "karafka.kafka.ssl-key-pem",
					"karafka.kafka[sasl.oauthbearer.client.secret]", "spring.kafka.ssl.key-store-key",
					"spring.kafka.ssl.key-password", "karafka.kafka.ssl.keystore.key")) {
				assertThat(function.applyUnlessFiltered(new SanitizableData(null, key, "s3cr3t")).getValue()).as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			for (String key : List.of("karafka.client-id", "KARAFKA_KAFKA_SSL_KEY_LOCATION", "KAFKA_CLIENT_CERT",
					"karafka.kafka[ssl.certificate.pem]", "karafka.kafka[sasl.oauthbearer.token.endpoint.url]")) {
				assertThat(function.applyUnlessFiltered(new SanitizableData(null, key, "app")).getValue()).as(key)
					.isEqualTo("app");
			}
		});
	}

	@Test
	void commandLinesPassingSecretsAreSanitized() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("karafkaSanitizingFunction", SanitizingFunction.class);
			for (String commandLine : List.of(
					"app.jar --karafka.kafka.sasl.jaas.config=ScramLoginModule required username=\"x\" password=\"p\";",
					"app.jar --server.port=0 --spring.kafka.properties.sasl.password=p",
					"-Xmx1g -DKARAFKA_KAFKA_SSL_KEY_PEM=key")) {
				assertThat(function.applyUnlessFiltered(new SanitizableData(null, "sun.java.command", commandLine))
					.getValue()).as(commandLine).isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(function
				.applyUnlessFiltered(new SanitizableData(null, "sun.java.command", "app.jar --server.port=0"))
				.getValue()).isEqualTo("app.jar --server.port=0");
		});
	}

	@Test
	void userInfoInUrlsIsSanitized() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("karafkaSanitizingFunction", SanitizingFunction.class);
			assertThat(function
				.applyUnlessFiltered(new SanitizableData(null, "KARAFKA_KAFKA_BOOTSTRAP_SERVERS",
						"sasl_ssl://alice:pa55@b1:9096,b2:9096"))
				.getValue()).isEqualTo("sasl_ssl://******@b1:9096,b2:9096");
		});
	}

	@Test
	void shortMessageTimeoutShortensTheProducerRequestTimeout() {
		this.contextRunner.withPropertyValues("karafka.kafka[message.timeout.ms]=10_000")
			.run((context) -> assertThat(producerConfig(context)).containsEntry("delivery.timeout.ms", "10000")
				.containsEntry("request.timeout.ms", "9995"));
	}

	@Test
	void messageTimeoutShorterThanGivenLingerAndRequestTimeoutFailsStartup() {
		assertFailure(
				new String[] { "karafka.kafka[message.timeout.ms]=10000", "karafka.kafka[request.timeout.ms]=30000" },
				"karafka.kafka.message.timeout.ms",
				"delivery timeout (10000 ms) must be at least linger.ms (5 ms, the default) plus "
						+ "request.timeout.ms (30000 ms, from 'karafka.kafka.request.timeout.ms')",
				"longer 'message.timeout.ms'");
	}

	@Test
	void idempotenceWithAcksOfOneFailsStartupNamingBothKeys() {
		assertFailure(
				new String[] { "karafka.kafka[enable.idempotence]=true", "karafka.kafka[request.required.acks]=1" },
				"karafka.kafka.enable.idempotence", "but acks is 1 (from 'karafka.kafka.request.required.acks')",
				"enable.idempotence to false");
	}

	@Test
	void invalidBooleanFailsStartupNamingTheKey() {
		assertFailure("karafka.producer.kafka[enable.idempotence]=1", "karafka.producer.kafka.enable.idempotence",
				"'1' is not valid: Expected value to be either true or false", "true or false");
	}

	@Test
	void metadataRefreshIntervalOfMinusOneFailsStartupNamingTheKey() {
		assertFailure("karafka.kafka[topic.metadata.refresh.interval.ms]=-1",
				"karafka.kafka.topic.metadata.refresh.interval.ms",
				"'-1' is not valid as the Java client's 'metadata.max.age.ms'", "[0,...]");
	}

	@Test
	void clientSettingsGetTheirOwnTranslationPemAndWarning(CapturedOutput output) {
		TestCertificates certificates = KafkaTestBroker.shared().certificates();
		this.contextRunner
			.withPropertyValues("karafka.kafka[security.protocol]=ssl",
					"karafka.kafka[ssl.ca.pem]=" + certificates.caCertificatePem(),
					"karafka.consumer.kafka[ssl.certificate.pem]=" + certificates.clientCertificatePem(),
					"karafka.consumer.kafka[ssl.key.pem]=" + certificates.clientKeyPkcs1Pem(),
					"karafka.consumer.kafka[fetch.message.max.bytes]=2097152",
					"karafka.consumer.kafka[queued.min.messages]=1000",
					"karafka.producer.kafka[bootstrap.servers]=kafka+ssl://producers:9096",
					"karafka.producer.kafka[message.max.bytes]=2000000")
			.run((context) -> {
				KafkaConnectionDetails details = context.getBean(KafkaConnectionDetails.class);
				assertThat(details.getConsumer().getSslBundle().getStores().getKeyStore()).isNotNull();
				assertThat(details.getProducer().getSslBundle().getStores().getKeyStore()).isNull();
				assertThat(details.getProducer().getSecurityProtocol()).isEqualTo("SSL");
				assertThat(details.getProducer().getBootstrapServers()).containsExactly("producers:9096");
				assertThat(details.getConsumer().getSecurityProtocol()).isEqualTo("SSL");
				assertThat(consumerConfig(context)).containsEntry("max.partition.fetch.bytes", "2097152")
					.doesNotContainKey("fetch.message.max.bytes");
				assertThat(producerConfig(context)).containsEntry("max.request.size", "2000000")
					.containsEntry("security.protocol", "SSL");
				assertThat(output).containsOnlyOnce("Ignoring librdkafka settings").contains("queued.min.messages");
			});
	}

	@Test
	void tlsMaterialWithoutSecurityProtocolFailsStartup() {
		assertFailure(
				new String[] { "karafka.bootstrap-servers=broker:9093",
						"karafka.kafka[ssl.ca.pem]=" + KafkaTestBroker.shared().certificates().caCertificatePem() },
				"karafka.kafka.ssl.ca.pem", "no security protocol is set, so the clients would connect without TLS",
				"kafka+ssl://");
	}

	@Test
	void tlsMaterialWithProtocolFromSpringKafkaIsUsed() {
		this.contextRunner
			.withPropertyValues("spring.kafka.security.protocol=SSL",
					"karafka.kafka[ssl.ca.pem]=" + KafkaTestBroker.shared().certificates().caCertificatePem())
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("security.protocol", "SSL")
				.containsKey("org.springframework.boot.ssl.SslBundle"));
	}

	@Test
	void tlsMaterialWithExplicitPlaintextIsReportedUnusedOnce(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("karafka.kafka[security.protocol]=PLAINTEXT",
					"karafka.kafka[ssl.ca.pem]=" + KafkaTestBroker.shared().certificates().caCertificatePem())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).containsOnlyOnce(
						"The TLS material of 'karafka.kafka.ssl.ca.pem' is not used: the security protocol is PLAINTEXT");
			});
	}

	@Test
	void pemWithLiteralNewlinesGivesOneInfoLine(CapturedOutput output) {
		TestCertificates certificates = KafkaTestBroker.shared().certificates();
		this.contextRunner
			.withPropertyValues("karafka.kafka[security.protocol]=ssl",
					"karafka.kafka[ssl.ca.pem]=" + certificates.caCertificatePem().replace("\n", "\\n"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).containsOnlyOnce("whose line breaks were written as a literal \\n")
					.contains("karafka.kafka.ssl.ca.pem");
			});
	}

	@Test
	void unknownSecurityProtocolFailsStartup() {
		assertFailure("karafka.kafka[security.protocol]=SASL-SSL", "karafka.kafka.security.protocol",
				"'SASL-SSL' is not a security protocol", "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
	}

	@Test
	void saslMechanismWithoutCredentialsFailsStartup() {
		assertFailure("karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512", "karafka.kafka.sasl.mechanisms",
				"needs credentials", "sasl.username");
	}

	@Test
	void bootstrapServerThatIsNotHostAndPortFailsStartup() {
		assertFailure("karafka.bootstrap-servers=broker1:port", "karafka.bootstrap-servers",
				"'broker1:port' is not host:port", "host:port");
	}

	@Test
	void pemThatDoesNotParseFailsStartupWithoutEchoingIt() {
		String garbage = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----";
		FailureAnalysis analysis = assertFailure(
				new String[] {
						"karafka.kafka[ssl.certificate.pem]="
								+ KafkaTestBroker.shared().certificates().clientCertificatePem(),
						"karafka.kafka[ssl.key.pem]=" + garbage },
				"karafka.kafka.ssl.key.pem", "no readable PEM private key", "PKCS#1");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("bm90IGEga2V5");
	}

	@Test
	void certificateThatDoesNotParseFailsStartup() {
		assertFailure("karafka.kafka[ssl.ca.pem]=-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
				"karafka.kafka.ssl.ca.pem", "no readable PEM certificate", "BEGIN CERTIFICATE");
	}

	@Test
	void keyThatDoesNotMatchItsCertificateFailsStartup() {
		TestCertificates certificates = KafkaTestBroker.shared().certificates();
		assertFailure(
				new String[] { "karafka.kafka[ssl.certificate.pem]=" + certificates.clientCertificatePem(),
						"karafka.kafka[ssl.key.pem]=" + certificates.unrelatedKeyPkcs8Pem() },
				"karafka.kafka.ssl.key.pem", "does not belong to the client certificate", "issued with");
	}

	@Test
	void unreadableLocationFailsStartup() {
		assertFailure("karafka.kafka[ssl.ca.location]=/nonexistent/ca.pem", "karafka.kafka.ssl.ca.location",
				"file '/nonexistent/ca.pem' cannot be read", "readable PEM file");
	}

	@Test
	void turningOffCertificateVerificationFailsStartup() {
		assertFailure("karafka.kafka[enable.ssl.certificate.verification]=false",
				"karafka.kafka.enable.ssl.certificate.verification", "would trust any broker", "ssl.ca.pem");
	}

	private FailureAnalysis assertFailure(String property, String setting, String problem, String action) {
		return assertFailure(new String[] { property }, setting, problem, action);
	}

	private FailureAnalysis assertFailure(String[] properties, String setting, String problem, String action) {
		return assertInvalidSetting(this.contextRunner.withPropertyValues(properties), setting, problem, action);
	}

}
