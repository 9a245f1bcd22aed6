package dev.karafka.spring.autoconfigure;

import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.KafkaTestBrokerExtension;
import dev.karafka.spring.test.broker.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.pem.PemContent;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

import static dev.karafka.spring.autoconfigure.RoundTrip.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * End-to-end tests of karafka connection settings against a real broker, one per kind of
 * listener users have.
 *
 * @author karafka-spring
 */
@ExtendWith(KafkaTestBrokerExtension.class)
class ConnectionIntegrationTests {

	private final KafkaTestBroker broker;

	private final TestCertificates certificates;

	ConnectionIntegrationTests(KafkaTestBroker broker) {
		this.broker = broker;
		this.certificates = broker.certificates();
	}

	@Test
	void plaintextRoundTrip() {
		assertRoundTrip("karafka.bootstrap-servers=" + this.broker.bootstrapServers(Listener.PLAINTEXT));
	}

	@Test
	void sslWithPkcs8PemKeyRoundTrip() {
		assertRoundTrip(ssl(this.certificates.clientKeyPkcs8Pem()));
	}

	@Test
	void sslWithPkcs1PemKeyRoundTrip() {
		assertRoundTrip(ssl(this.certificates.clientKeyPkcs1Pem()));
	}

	@Test
	void sslWithEcKeyRoundTrip() {
		assertRoundTrip("karafka.kafka[bootstrap.servers]=kafka+ssl://" + this.broker.bootstrapServers(Listener.SSL),
				"karafka.kafka[security.protocol]=ssl",
				"karafka.kafka[ssl.ca.pem]=" + this.certificates.caCertificatePem(),
				"karafka.kafka[ssl.certificate.pem]=" + this.certificates.ecClientCertificatePem(),
				"karafka.kafka[ssl.key.pem]=" + this.certificates.ecClientKeySec1Pem());
	}

	@Test
	void herokuUrlPastedIntoBootstrapServersSelectsSslRoundTrip() {
		assertRoundTrip("karafka.kafka[bootstrap.servers]=kafka+ssl://" + this.broker.bootstrapServers(Listener.SSL),
				"karafka.kafka[ssl.ca.pem]=" + this.certificates.caCertificatePem(),
				"karafka.kafka[ssl.certificate.pem]=" + this.certificates.clientCertificatePem(),
				"karafka.kafka[ssl.key.pem]=" + this.certificates.clientKeyPkcs8Pem());
	}

	@Test
	void schemeContradictingSecurityProtocolIsRefusedBeforeAnyClientDialsTheTlsListener() {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> RoundTrip.run("contradiction",
					"karafka.kafka[bootstrap.servers]=kafka+ssl://" + this.broker.bootstrapServers(Listener.SSL),
					"spring.kafka.listener.auto-startup=false", "karafka.kafka[security.protocol]=plaintext"))
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.bootstrap.servers");
				assertThat(ex.getProblem()).contains("selects the security protocol SSL")
					.contains("'karafka.kafka.security.protocol' is PLAINTEXT");
			});
	}

	@Test
	void sslWithCaDirectoryAndEncryptedPkcs1KeyRoundTrip(@TempDir Path caDirectory) throws Exception {
		Files.writeString(caDirectory.resolve("ca.pem"), this.certificates.caCertificatePem());
		Files.writeString(caDirectory.resolve("other-ca.pem"), this.certificates.otherCaCertificatePem());
		StringWriter key = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(key)) {
			writer.writeObject(
					new JcaMiscPEMGenerator(PemContent.of(this.certificates.clientKeyPkcs8Pem()).getPrivateKey(),
							new JcePEMEncryptorBuilder("DES-EDE3-CBC").setProvider(new BouncyCastleProvider())
								.build("open-sesame".toCharArray())));
		}
		assertRoundTrip("karafka.kafka[bootstrap.servers]=ssl://" + this.broker.bootstrapServers(Listener.SSL),
				"karafka.kafka[ssl.ca.location]=" + caDirectory,
				"karafka.kafka[ssl.certificate.pem]=" + this.certificates.clientCertificatePem(),
				"karafka.kafka[ssl.key.pem]=" + key, "karafka.kafka[ssl.key.password]=open-sesame");
	}

	@Test
	void sslWithJksKeyStoreWithItsOwnKeyPasswordRoundTrip(@TempDir Path directory) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("JKS");
		keyStore.load(null, null);
		keyStore.setKeyEntry("client", PemContent.of(this.certificates.clientKeyPkcs8Pem()).getPrivateKey(),
				"key-password".toCharArray(),
				PemContent.of(this.certificates.clientCertificatePem()).getCertificates().toArray(Certificate[]::new));
		Path keyStoreFile = directory.resolve("client.jks");
		try (OutputStream output = Files.newOutputStream(keyStoreFile)) {
			keyStore.store(output, "store-password".toCharArray());
		}
		assertRoundTrip("karafka.kafka[bootstrap.servers]=ssl://" + this.broker.bootstrapServers(Listener.SSL),
				"karafka.kafka[ssl.ca.pem]=" + this.certificates.caCertificatePem(),
				"karafka.kafka[ssl.keystore.location]=" + keyStoreFile, "karafka.kafka[ssl.keystore.type]=JKS",
				"karafka.kafka[ssl.keystore.password]=store-password", "karafka.kafka[ssl.key.password]=key-password");
	}

	@Test
	void sslWithPemFilesRoundTrip() {
		assertRoundTrip("karafka.kafka[bootstrap.servers]=" + this.broker.bootstrapServers(Listener.SSL),
				"karafka.kafka[security.protocol]=SSL",
				"karafka.kafka[ssl.ca.location]=" + this.certificates.caCertificateFile(),
				"karafka.kafka[ssl.certificate.location]=" + this.certificates.clientCertificateFile(),
				"karafka.kafka[ssl.key.location]=" + this.certificates.clientKeyPkcs1File());
	}

	@Test
	void sslByAddressNeedsHostNameVerificationOff() {
		String byAddress = this.broker.bootstrapServers(Listener.SSL).replace("localhost", "127.0.0.1");
		String[] settings = { "karafka.kafka[bootstrap.servers]=" + byAddress, "karafka.kafka[security.protocol]=ssl",
				"karafka.kafka[ssl.ca.pem]=" + this.certificates.caCertificatePem(),
				"karafka.kafka[ssl.certificate.pem]=" + this.certificates.clientCertificatePem(),
				"karafka.kafka[ssl.key.pem]=" + this.certificates.clientKeyPkcs8Pem(),
				"karafka.kafka[ssl.endpoint.identification.algorithm]=none" };
		assertRoundTrip(settings);
	}

	@Test
	void seedAwsMskScramSettingsRoundTrip() {
		assertRoundTrip(scram(this.broker.scramPassword()));
	}

	@Test
	void wrongScramPasswordShowsTheBrokersAuthenticationError() throws Exception {
		try (ConfigurableApplicationContext context = RoundTrip.run("wrong-password",
				scram("not-" + this.broker.scramPassword()));
				Admin admin = Admin.create(context.getBean(KafkaAdmin.class).getConfigurationProperties())) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(SaslAuthenticationException.class)
				.withMessageContaining("Authentication failed");
		}
	}

	@Test
	void plaintextRoundTripThroughBootSettingsOnly() {
		assertRoundTrip("spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(Listener.PLAINTEXT));
	}

	private String[] ssl(String keyPem) {
		return new String[] { "karafka.kafka[bootstrap.servers]=" + this.broker.bootstrapServers(Listener.SSL),
				"karafka.kafka[security.protocol]=ssl",
				"karafka.kafka[ssl.ca.pem]=" + this.certificates.caCertificatePem(),
				"karafka.kafka[ssl.certificate.pem]=" + this.certificates.clientCertificatePem(),
				"karafka.kafka[ssl.key.pem]=" + keyPem };
	}

	private String[] scram(String password) {
		return List
			.of("karafka.kafka[bootstrap.servers]=" + this.broker.bootstrapServers(Listener.SASL_SSL),
					"karafka.kafka[security.protocol]=SASL_SSL",
					"karafka.kafka[sasl.username]=" + this.broker.scramUsername(),
					"karafka.kafka[sasl.password]=" + password, "karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512",
					"karafka.kafka[ssl.ca.pem]=" + this.certificates.caCertificatePem())
			.toArray(String[]::new);
	}

}
