package dev.karafka.spring.connection;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.TestCertificates;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.pem.PemContent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the PEM inputs of {@link KafkaSettingsTranslator}, one per way real
 * environments hand them over, each refusal saying which case it is and never echoing key
 * material.
 *
 * @author karafka-spring
 */
class PemSslMaterialTests {

	private static final TestCertificates certificates = KafkaTestBroker.shared().certificates();

	@Test
	void pemWithLiteralNewlinesIsNormalizedAndReported() {
		ClientSettings settings = translate(Map.of("ssl.ca.pem", literalNewlines(certificates.caCertificatePem()),
				"ssl.certificate.pem", certificates.clientCertificatePem(), "ssl.key.pem",
				literalNewlines(certificates.clientKeyPkcs8Pem())));
		assertThat(settings.sslBundle()).isNotNull();
		assertThat(settings.sslBundle().getStores().getKeyStore()).isNotNull();
		assertThat(settings.normalizedSettings()).containsExactlyInAnyOrder("karafka.kafka.ssl.ca.pem",
				"karafka.kafka.ssl.key.pem");
	}

	@Test
	void emptyCertificateSaysEmpty() {
		assertRefused(Map.of("ssl.certificate.pem", " ", "ssl.key.pem", certificates.clientKeyPkcs8Pem()),
				"karafka.kafka.ssl.certificate.pem", "it is empty");
	}

	@Test
	void pemPastedIntoALocationIsRefusedWithoutEchoingIt() {
		String key = certificates.clientKeyPkcs8Pem();
		InvalidSettingException ex = assertRefused(
				Map.of("ssl.certificate.pem", certificates.clientCertificatePem(), "ssl.key.location", key),
				"karafka.kafka.ssl.key.location", "its value looks like PEM content, not a path");
		assertThat(ex.getAction()).contains("ssl.key.pem");
		assertThat(ex.getMessage() + ex.getAction()).doesNotContain(keyMaterial(key));
		assertRefused(Map.of("ssl.ca.location", certificates.caCertificatePem()), "karafka.kafka.ssl.ca.location",
				"looks like PEM content, not a path");
	}

	@Test
	void legacyEncryptedPkcs1KeyIsReadWithItsPassword() throws IOException {
		ClientSettings settings = translate(Map.of("ssl.certificate.pem", certificates.clientCertificatePem(),
				"ssl.key.pem", legacyEncrypted(certificates.clientKeyPkcs8Pem(), "open-sesame"), "ssl.key.password",
				"open-sesame"));
		assertThat(settings.sslBundle().getStores().getKeyStore()).isNotNull();
		assertThat(settings.properties()).doesNotContainKey("ssl.key.password");
	}

	@Test
	void legacyEncryptedPkcs1KeyWithoutPasswordSaysSo() throws IOException {
		assertRefused(
				Map.of("ssl.certificate.pem", certificates.clientCertificatePem(), "ssl.key.pem",
						legacyEncrypted(certificates.clientKeyPkcs8Pem(), "open-sesame")),
				"karafka.kafka.ssl.key.pem", "encrypted private key, and 'ssl.key.password' is not given");
	}

	@Test
	void legacyEncryptedPkcs1KeyWithWrongPasswordSaysSo() throws IOException {
		InvalidSettingException ex = assertRefused(
				Map.of("ssl.certificate.pem", certificates.clientCertificatePem(), "ssl.key.pem",
						legacyEncrypted(certificates.clientKeyPkcs8Pem(), "open-sesame"), "ssl.key.password",
						"close-sesame"),
				"karafka.kafka.ssl.key.pem", "'ssl.key.password' does not open it (wrong password)");
		assertThat(ex.getMessage() + ex.getAction()).doesNotContain("sesame");
	}

	@Test
	void keyOfAnotherCertificateIsNamed() {
		assertRefused(
				Map.of("ssl.certificate.pem", certificates.clientCertificatePem(), "ssl.key.pem",
						certificates.unrelatedKeyPkcs8Pem()),
				"karafka.kafka.ssl.key.pem",
				"does not belong to the client certificate given in 'karafka.kafka.ssl.certificate.pem'");
	}

	@Test
	void keyGivenAsCertificateIsNamed() {
		assertRefused(Map.of("ssl.ca.pem", certificates.clientKeyPkcs8Pem()), "karafka.kafka.ssl.ca.pem",
				"it holds a private key, not a certificate");
	}

	@Test
	void caDirectoryTrustsEveryCertificateInIt(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("ca.pem"), certificates.caCertificatePem());
		Files.writeString(directory.resolve("other-ca.crt"), certificates.otherCaCertificatePem());
		Files.writeString(directory.resolve("README"), "not a certificate");
		ClientSettings settings = translate(Map.of("ssl.ca.location", directory.toString()));
		assertThat(settings.sslBundle().getStores().getTrustStore().size()).isEqualTo(2);
	}

	@Test
	void caDirectoryWithoutCertificatesIsRefused(@TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("README"), "not a certificate");
		assertRefused(Map.of("ssl.ca.location", directory.toString()), "karafka.kafka.ssl.ca.location",
				"holds no PEM certificate file");
	}

	private static InvalidSettingException assertRefused(Map<String, String> settings, String setting, String problem) {
		InvalidSettingException refusal = null;
		try {
			translate(settings);
		}
		catch (InvalidSettingException ex) {
			refusal = ex;
		}
		assertThat(refusal).as("refusal of %s", settings.keySet()).isNotNull();
		assertThat(refusal.getSetting()).isEqualTo(setting);
		assertThat(refusal.getProblem()).contains(problem);
		return refusal;
	}

	private static ClientSettings translate(Map<String, String> map) {
		return KafkaSettingsTranslator.translate(new KafkaSettings().addAll(new LinkedHashMap<>(map), "karafka.kafka"));
	}

	static String literalNewlines(String pem) {
		return pem.replace("\n", "\\n");
	}

	static String legacyEncrypted(String pkcs8Pem, String password) throws IOException {
		PrivateKey key = PemContent.of(pkcs8Pem).getPrivateKey();
		StringWriter pem = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
			writer.writeObject(new JcaMiscPEMGenerator(key,
					new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
						.build(password.toCharArray())));
		}
		assertThat(pem.toString()).contains("Proc-Type: 4,ENCRYPTED").contains("BEGIN RSA PRIVATE KEY");
		return pem.toString();
	}

	private static String keyMaterial(String pem) {
		return pem.substring(pem.indexOf('\n') + 1, pem.indexOf('\n') + 41);
	}

}
