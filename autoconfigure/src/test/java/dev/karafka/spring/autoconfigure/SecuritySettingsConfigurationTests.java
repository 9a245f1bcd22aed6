package dev.karafka.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.assertInvalidSetting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the start-up check of SASL and SSL settings against the effective security
 * protocol of each client.
 *
 * @author karafka-spring
 */
class SecuritySettingsConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues("karafka.kafka[bootstrap.servers]=localhost:9092");

	@Test
	void keyStorePasswordWithoutKeyStoreFailsStartUpWithAReport() {
		FailureAnalysis analysis = assertInvalidSetting(
				this.contextRunner.withPropertyValues("karafka.kafka[security.protocol]=SSL",
						"karafka.kafka[ssl.keystore.password]=key-store-pw"),
				"karafka.kafka.ssl.keystore.password", "SSL key store is not specified",
				"'ssl.keystore.location' and 'ssl.keystore.password' together");
		assertThat(analysis.getDescription()).doesNotContain("key-store-pw");
	}

	@Test
	void missingTrustStoreOfAConsumerFailsStartUp() {
		assertInvalidSetting(
				this.contextRunner.withPropertyValues("spring.kafka.security.protocol=SSL",
						"karafka.consumer.kafka[ssl.truststore.location]=/nonexistent/trust.jks"),
				"karafka.consumer.kafka.ssl.truststore.location", "file '/nonexistent/trust.jks' cannot be read",
				"readable");
	}

	@Test
	void saslCredentialsNextToSslFailStartUpNamingBothSettings() {
		FailureAnalysis analysis = assertInvalidSetting(
				this.contextRunner.withPropertyValues("karafka.kafka[security.protocol]=SSL",
						"karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512", "karafka.kafka[sasl.username]=alice",
						"karafka.kafka[sasl.password]=alice-pw"),
				"karafka.kafka.sasl.mechanisms",
				"the security protocol is SSL (from 'karafka.kafka.security.protocol')", "SASL_SSL");
		assertThat(analysis.getDescription()).contains("'karafka.kafka.sasl.password'")
			.doesNotContain("alice")
			.doesNotContain("alice-pw");
	}

	@Test
	void saslCredentialsWithBootsSaslProtocolAreAccepted() {
		this.contextRunner
			.withPropertyValues("spring.kafka.security.protocol=SASL_PLAINTEXT", "karafka.kafka[sasl.mechanisms]=PLAIN",
					"karafka.kafka[sasl.username]=alice", "karafka.kafka[sasl.password]=alice-pw")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
