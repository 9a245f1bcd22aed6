package dev.karafka.spring.autoconfigure;

import java.util.Arrays;
import java.util.List;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.heroku.HerokuKafkaSettings;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.assertInvalidSetting;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.consumerConfig;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.producerConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Heroku configuration of {@link KarafkaAutoConfiguration}.
 *
 * @author karafka-spring
 */
class HerokuConfigurationTests {

	private static final TestCertificates certificates = KafkaTestBroker.shared().certificates();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				SslAutoConfiguration.class));

	@Test
	void herokuUrlWithSeveralBrokersBecomesBootstrapServers() {
		this.contextRunner
			.withPropertyValues("KAFKA_URL=kafka+ssl://ec2-1.compute.amazonaws.com:9096, "
					+ "kafka+ssl://ec2-2.compute.amazonaws.com:9096 ,")
			.run((context) -> assertThat(consumerConfig(context))
				.containsEntry("bootstrap.servers",
						List.of("ec2-1.compute.amazonaws.com:9096", "ec2-2.compute.amazonaws.com:9096"))
				.containsEntry("security.protocol", "SSL"));
	}

	@Test
	void herokuCertificatesBecomeTheSslBundleOfEveryClient() {
		this.contextRunner.withPropertyValues(herokuEnvironment("KAFKA")).run((context) -> {
			KafkaConnectionDetails details = context.getBean(KafkaConnectionDetails.class);
			assertThat(details.getSslBundle().getStores().getKeyStore().size()).isOne();
			assertThat(details.getSslBundle().getStores().getTrustStore().size()).isEqualTo(2);
			assertThat(producerConfig(context)).containsEntry("security.protocol", "SSL")
				.containsKey("org.springframework.boot.ssl.SslBundle");
		});
	}

	@Test
	void herokuTurnsOffHostNameVerification() {
		this.contextRunner.withPropertyValues(herokuEnvironment("KAFKA"))
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("ssl.endpoint.identification.algorithm",
					""));
	}

	@Test
	void explicitHostNameVerificationWinsOverHeroku() {
		this.contextRunner.withPropertyValues(herokuEnvironment("KAFKA"))
			.withPropertyValues("karafka.kafka[ssl.endpoint.identification.algorithm]=https")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("ssl.endpoint.identification.algorithm",
					"https"));
	}

	@Test
	void plainKafkaUrlConnectsWithoutTls() {
		this.contextRunner.withPropertyValues("KAFKA_URL=kafka://localhost:9092")
			.run((context) -> assertThat(consumerConfig(context))
				.containsEntry("bootstrap.servers", List.of("localhost:9092"))
				.containsEntry("security.protocol", "PLAINTEXT")
				.doesNotContainKey("ssl.endpoint.identification.algorithm"));
	}

	@Test
	void explicitKarafkaSettingsWinOverHeroku() {
		this.contextRunner.withPropertyValues(herokuEnvironment("KAFKA"))
			.withPropertyValues("karafka.bootstrap-servers=explicit:9092", "karafka.kafka[security.protocol]=PLAINTEXT")
			.run((context) -> assertThat(consumerConfig(context))
				.containsEntry("bootstrap.servers", List.of("explicit:9092"))
				.containsEntry("security.protocol", "PLAINTEXT"));
	}

	@Test
	void herokuWinsOverSpringKafka() {
		this.contextRunner
			.withPropertyValues("KAFKA_URL=kafka+ssl://heroku:9096", "spring.kafka.bootstrap-servers=spring:9092")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("bootstrap.servers",
					List.of("heroku:9096")));
	}

	@Test
	void withoutKafkaUrlHerokuContributesNothing() {
		this.contextRunner
			.withPropertyValues("KAFKA_TRUSTED_CERT=" + certificates.caCertificatePem(),
					"spring.kafka.bootstrap-servers=spring:9092")
			.run((context) -> {
				assertThat(context).hasSingleBean(HerokuKafkaSettings.class);
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers", List.of("spring:9092"))
					.doesNotContainKey("org.springframework.boot.ssl.SslBundle");
			});
	}

	@Test
	void disabledHerokuIgnoresTheEnvironment() {
		this.contextRunner.withPropertyValues(herokuEnvironment("KAFKA"))
			.withPropertyValues("karafka.heroku.enabled=false", "spring.kafka.bootstrap-servers=spring:9092")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(HerokuKafkaSettings.class);
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers", List.of("spring:9092"))
					.doesNotContainKey("security.protocol");
			});
	}

	@Test
	void envPrefixReadsTheVariablesOfAnAddOnAttachedUnderAnotherName() {
		this.contextRunner.withPropertyValues(herokuEnvironment("HEROKU_KAFKA_CRIMSON"))
			.withPropertyValues("KAFKA_URL=kafka://other:9092", "karafka.heroku.env-prefix=HEROKU_KAFKA_CRIMSON")
			.run((context) -> assertThat(consumerConfig(context))
				.containsEntry("bootstrap.servers", List.of("127.0.0.1:9096", "localhost:1"))
				.containsEntry("security.protocol", "SSL"));
	}

	@Test
	void mixedSchemesInKafkaUrlFailStartup() {
		assertFailure("KAFKA_URL", "mixes kafka+ssl:// and kafka:// URLs", "one scheme",
				"KAFKA_URL=kafka+ssl://broker1:9096,kafka://broker2:9092");
	}

	@Test
	void otherSchemeInKafkaUrlFailsStartup() {
		assertFailure("KAFKA_URL", "'https://broker1:9096' is not a kafka+ssl:// or kafka:// URL",
				"kafka+ssl://host:port", "KAFKA_URL=https://broker1:9096");
	}

	@Test
	void kafkaUrlWithInvalidPortFailsStartup() {
		assertFailure("KAFKA_URL", "'kafka+ssl://broker2:99999' has no valid port", "between 1 and 65535",
				"KAFKA_URL=kafka+ssl://broker1:9096,kafka+ssl://broker2:99999");
	}

	@Test
	void clientKeyOfAnotherCertificateFailsStartupWithoutEchoingIt() {
		FailureAnalysis analysis = assertFailure("KAFKA_CLIENT_CERT_KEY",
				"does not belong to the client certificate " + "given in 'KAFKA_CLIENT_CERT'",
				"KAFKA_CLIENT_CERT_KEY goes with KAFKA_CLIENT_CERT", "KAFKA_URL=kafka+ssl://broker:9096",
				"KAFKA_CLIENT_CERT=" + certificates.clientCertificatePem(),
				"KAFKA_CLIENT_CERT_KEY=" + certificates.unrelatedKeyPkcs8Pem());
		assertThat(analysis.getDescription() + analysis.getAction())
			.doesNotContain(keyMaterial(certificates.unrelatedKeyPkcs8Pem()));
	}

	@Test
	void garbageInClientKeyFailsStartupWithoutEchoingIt() {
		String garbage = "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END RSA PRIVATE KEY-----";
		FailureAnalysis analysis = assertFailure("KAFKA_CLIENT_CERT_KEY", "no readable PEM private key", "PKCS#1",
				"KAFKA_URL=kafka+ssl://broker:9096", "KAFKA_CLIENT_CERT=" + certificates.clientCertificatePem(),
				"KAFKA_CLIENT_CERT_KEY=" + garbage);
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("bm90IGEga2V5");
	}

	@Test
	void emptyClientCertificateSaysEmpty() {
		assertFailure("KAFKA_CLIENT_CERT", "it is empty", "heroku config", "KAFKA_URL=kafka+ssl://broker:9096",
				"KAFKA_CLIENT_CERT=", "KAFKA_CLIENT_CERT_KEY=" + certificates.clientKeyPkcs1Pem());
	}

	@Test
	void certificatesWithLiteralNewlinesAreRead() {
		this.contextRunner
			.withPropertyValues("KAFKA_URL=kafka+ssl://broker:9096",
					"KAFKA_TRUSTED_CERT=" + certificates.caCertificatePem().replace("\n", "\\n"),
					"KAFKA_CLIENT_CERT=" + certificates.clientCertificatePem().replace("\n", "\\n"),
					"KAFKA_CLIENT_CERT_KEY=" + certificates.clientKeyPkcs1Pem().replace("\n", "\\n"))
			.run((context) -> {
				KafkaConnectionDetails details = context.getBean(KafkaConnectionDetails.class);
				assertThat(details.getSslBundle().getStores().getKeyStore().size()).isOne();
				assertThat(context.getBean(ClientSettings.class).normalizedSettings())
					.containsExactlyInAnyOrder("KAFKA_TRUSTED_CERT", "KAFKA_CLIENT_CERT", "KAFKA_CLIENT_CERT_KEY");
			});
	}

	@Test
	void kafkaUrlWithUserInformationFailsStartupWithoutEchoingIt() {
		FailureAnalysis analysis = assertFailure("KAFKA_URL", "is not a kafka+ssl:// or kafka:// URL", "kafka+ssl://",
				"KAFKA_URL=https://alice:pa55word@broker1:9096");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("pa55word");
	}

	@Test
	void garbageInTrustedCertificatesFailsStartup() {
		assertFailure("KAFKA_TRUSTED_CERT", "no readable PEM certificate", "BEGIN CERTIFICATE",
				"KAFKA_URL=kafka+ssl://broker:9096", "KAFKA_TRUSTED_CERT=not a certificate");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ssl.keystore.password", "ssl.keystore.type", "ssl.truststore.password" })
	void storeSettingWithoutItsStoreNextToHerokuCertificatesFailsStartup(String setting) {
		String[] properties = Arrays.copyOf(herokuEnvironment("KAFKA"), 5);
		properties[4] = "karafka.kafka[" + setting + "]=store-secret-7";
		FailureAnalysis analysis = assertFailure("karafka.kafka." + setting, "next to PEM certificates or keys",
				"Remove it", properties);
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("store-secret-7");
	}

	static String[] herokuEnvironment(String envPrefix) {
		return new String[] { envPrefix + "_URL=kafka+ssl://127.0.0.1:9096, kafka+ssl://localhost:1",
				envPrefix + "_TRUSTED_CERT=" + certificates.caCertificatePem() + "\n"
						+ certificates.otherCaCertificatePem(),
				envPrefix + "_CLIENT_CERT=" + certificates.clientCertificatePem(),
				envPrefix + "_CLIENT_CERT_KEY=" + certificates.clientKeyPkcs1Pem() };
	}

	private static String keyMaterial(String pem) {
		return pem.substring(pem.indexOf('\n') + 1, pem.indexOf('\n') + 41);
	}

	private FailureAnalysis assertFailure(String variable, String problem, String action, String... properties) {
		return assertInvalidSetting(this.contextRunner.withPropertyValues(properties), variable, problem, action);
	}

}
