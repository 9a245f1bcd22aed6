package dev.karafka.spring.connection;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link SecuritySettingsCheck}.
 *
 * @author karafka-spring
 */
class SecuritySettingsCheckTests {

	@TempDir
	Path directory;

	@Test
	void keyStorePasswordWithoutKeyStoreIsRefusedNamingItWithoutItsValue() {
		ClientSettings settings = translate(Map.of("security.protocol", "SSL", "ssl.keystore.password", "s3cret-pw"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSslStores(settings, settings.securityProtocol()))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.ssl.keystore.password");
				assertThat(ex.getProblem()).contains("key store is not specified");
				assertThat(ex.getAction()).contains("'ssl.keystore.location' and 'ssl.keystore.password' together");
				assertThat(ex.getMessage() + ex.getAction()).doesNotContain("s3cret-pw");
			});
	}

	@Test
	void missingTrustStoreFileIsRefusedAsUnreadable() {
		ClientSettings settings = translate(Map.of("security.protocol", "SASL_SSL", "sasl.mechanisms", "SCRAM-SHA-512",
				"sasl.username", "user", "sasl.password", "pw", "ssl.truststore.location", "/nonexistent/trust.jks"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSslStores(settings, settings.securityProtocol()))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.ssl.truststore.location");
				assertThat(ex.getProblem())
					.isEqualTo("file '/nonexistent/trust.jks' cannot be read (NoSuchFileException)");
			});
	}

	@Test
	void pemTrustStoreWithPasswordIsRefusedNamingTheTrustStoreSettings() throws Exception {
		Path pem = Files.writeString(this.directory.resolve("ca.pem"), "not used");
		ClientSettings settings = translate(Map.of("security.protocol", "SSL", "ssl.truststore.type", "PEM",
				"ssl.truststore.location", pem.toString(), "ssl.truststore.password", "trust-pw"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSslStores(settings, settings.securityProtocol()))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).contains("'karafka.kafka.ssl.truststore.password'")
					.contains("'karafka.kafka.ssl.truststore.type'")
					.contains("trust store password cannot be specified for PEM format")
					.doesNotContain("trust-pw");
				assertThat(ex.getAction()).contains("a PEM trust store takes no password");
			});
	}

	@Test
	void keyStoreWithWrongPasswordIsRefusedWithoutEitherPassword() throws Exception {
		Path keyStore = keyStore("right-pw");
		ClientSettings settings = translate(Map.of("security.protocol", "SSL", "ssl.keystore.location",
				keyStore.toString(), "ssl.keystore.type", "PKCS12", "ssl.keystore.password", "wrong-pw"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSslStores(settings, settings.securityProtocol()))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.ssl.keystore.location");
				assertThat(ex.getProblem()).contains("Failed to load SSL keystore " + keyStore)
					.doesNotContain("wrong-pw")
					.doesNotContain("right-pw");
			});
	}

	@Test
	void readableKeyStoreWithItsPasswordIsAccepted() throws Exception {
		Path keyStore = keyStore("right-pw");
		ClientSettings settings = translate(Map.of("security.protocol", "SSL", "ssl.keystore.location",
				keyStore.toString(), "ssl.keystore.type", "PKCS12", "ssl.keystore.password", "right-pw"));
		assertThatNoException()
			.isThrownBy(() -> SecuritySettingsCheck.checkSslStores(settings, settings.securityProtocol()));
	}

	@Test
	void storeSettingsAreNotLoadedWithoutTls() {
		ClientSettings settings = translate(Map.of("ssl.truststore.location", "/nonexistent/trust.jks"));
		assertThatNoException().isThrownBy(() -> SecuritySettingsCheck.checkSslStores(settings, "PLAINTEXT"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSslStores(settings, "sasl_ssl"));
	}

	@Test
	void saslCredentialsNextToSslAreRefusedNamingBothSettingsWithoutValues() {
		ClientSettings settings = translate(Map.of("security.protocol", "SSL", "sasl.mechanisms", "SCRAM-SHA-512",
				"sasl.username", "alice", "sasl.password", "pw-of-alice"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSasl(settings, "SSL", "karafka.kafka.security.protocol"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.sasl.mechanisms");
				assertThat(ex.getProblem()).contains("'karafka.kafka.sasl.password'")
					.contains("the security protocol is SSL (from 'karafka.kafka.security.protocol')")
					.doesNotContain("alice");
				assertThat(ex.getAction()).contains("'security.protocol' to SASL_SSL");
			});
	}

	@Test
	void misspeltSaslSettingWithoutProtocolIsReportedAsAMisspellingToo() {
		ClientSettings settings = translate(Map.of("sasl.jaas.confg",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSasl(settings, null, null))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.sasl.jaas.confg");
				assertThat(ex.getProblem()).contains("PLAINTEXT (Kafka's default)")
					.endsWith("; 'karafka.kafka.sasl.jaas.confg' is no Kafka setting either: a misspelling of "
							+ "'sasl.jaas.config'?")
					.doesNotContain("password=");
			});
	}

	@Test
	void jaasConfigWithoutProtocolIsRefusedNamingKafkasDefault() {
		ClientSettings settings = translate(Map.of("sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSasl(settings, null, null))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.sasl.jaas.config");
				assertThat(ex.getProblem()).contains("PLAINTEXT (Kafka's default)").doesNotContain("password=");
				assertThat(ex.getAction()).contains("SASL_PLAINTEXT");
			});
	}

	@Test
	void saslSettingsWithSaslProtocolAreAccepted() {
		ClientSettings settings = translate(Map.of("security.protocol", "SASL_SSL", "sasl.mechanisms", "PLAIN",
				"sasl.username", "alice", "sasl.password", "pw"));
		assertThatNoException().isThrownBy(() -> SecuritySettingsCheck.checkSasl(settings, "SASL_SSL", null));
		assertThatNoException().isThrownBy(() -> SecuritySettingsCheck.checkSasl(settings, "sasl_plaintext", null));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"org.apache.kafka.common.security.plain.PlainLoginModule hunter2 username=\"u\";|control flag",
			"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\"|semi-colon",
			"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password hunter2;|Value not specified",
			"org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\"; "
					+ "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";|2 login modules" })
	void malformedJaasConfigIsRefusedWithKafkasReasonButNotTheValue(String jaasConfig, String reason) {
		ClientSettings settings = translate(
				Map.of("security.protocol", "SASL_SSL", "sasl.mechanisms", "PLAIN", "sasl.jaas.config", jaasConfig));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SecuritySettingsCheck.checkSasl(settings, "SASL_SSL", null))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.sasl.jaas.config");
				assertThat(ex.getProblem()).startsWith("the Kafka client cannot read it: ")
					.contains(reason)
					.doesNotContain("hunter2");
				assertThat(ex.getAction()).contains("required", "'sasl.username' and 'sasl.password'");
			});
	}

	@Test
	void wellFormedJaasConfigIsAccepted() {
		ClientSettings settings = translate(Map.of("security.protocol", "SASL_SSL", "sasl.mechanisms", "PLAIN",
				"sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";"));
		assertThatNoException().isThrownBy(() -> SecuritySettingsCheck.checkSasl(settings, "SASL_SSL", null));
	}

	private Path keyStore(String password) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		Path path = this.directory.resolve("client.p12");
		try (OutputStream output = Files.newOutputStream(path)) {
			store.store(output, password.toCharArray());
		}
		return path;
	}

	private static ClientSettings translate(Map<String, String> map) {
		return KafkaSettingsTranslator.translate(new KafkaSettings().addAll(new LinkedHashMap<>(map), "karafka.kafka"));
	}

}
