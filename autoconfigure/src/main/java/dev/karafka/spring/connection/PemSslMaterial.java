package dev.karafka.spring.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/**
 * PEM certificates and keys given as text or files (librdkafka's {@code ssl.ca.*},
 * {@code ssl.certificate.*} and {@code ssl.key.*}), checked and turned into an in-memory
 * {@link SslBundle}. Boot's PEM parser reads PKCS#1, SEC1 and PKCS#8 keys, which the Java
 * client alone does not. Error messages never contain key material.
 *
 * @author karafka-spring
 */
final class PemSslMaterial {

	private final List<X509Certificate> trustedCertificates = new ArrayList<>();

	private @Nullable Pem certificate;

	private @Nullable Pem privateKey;

	private @Nullable String privateKeyPassword;

	void trustedCertificatesFile(String location, String origin) {
		if (!"probe".equalsIgnoreCase(location)) {
			trustedCertificates(read(location, origin), origin);
		}
	}

	void trustedCertificates(String pem, String origin) {
		this.trustedCertificates.addAll(certificates(new Pem(pem, origin)));
	}

	void certificateFile(String location, String origin) {
		certificate(read(location, origin), origin);
	}

	void certificate(String pem, String origin) {
		this.certificate = new Pem(pem, origin);
	}

	void privateKeyFile(String location, String origin) {
		privateKey(read(location, origin), origin);
	}

	void privateKey(String pem, String origin) {
		this.privateKey = new Pem(pem, origin);
	}

	void privateKeyPassword(String password) {
		this.privateKeyPassword = password;
	}

	@Nullable SslBundle toSslBundle() {
		PemSslStore keyStore = keyStore();
		PemSslStore trustStore = this.trustedCertificates.isEmpty() ? null
				: PemSslStore.of(List.copyOf(this.trustedCertificates), null);
		if (keyStore == null && trustStore == null) {
			return null;
		}
		return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore));
	}

	private @Nullable PemSslStore keyStore() {
		if (this.certificate == null && this.privateKey == null) {
			return null;
		}
		if (this.certificate == null || this.privateKey == null) {
			Pem given = (this.certificate != null) ? this.certificate : this.privateKey;
			String missing = (this.certificate != null) ? "ssl.key.pem' or 'ssl.key.location"
					: "ssl.certificate.pem' or 'ssl.certificate.location";
			throw new InvalidSettingException(given.origin(), "a client certificate needs its private key, and a "
					+ "private key its certificate: '" + missing + "' is missing", "Give both, or neither.");
		}
		List<X509Certificate> chain = certificates(this.certificate);
		PrivateKey key = privateKey(this.privateKey);
		if (!matches(key, chain.get(0))) {
			throw new InvalidSettingException(this.privateKey.origin(),
					"the private key does not belong to the client certificate given in '" + this.certificate.origin()
							+ "'",
					"Give the key that was issued with that certificate (on Heroku: KAFKA_CLIENT_CERT_KEY goes "
							+ "with KAFKA_CLIENT_CERT).");
		}
		return PemSslStore.of(chain, key);
	}

	private List<X509Certificate> certificates(Pem pem) {
		try {
			PemContent content = PemContent.of(pem.text());
			List<X509Certificate> certificates = (content != null) ? content.getCertificates() : List.of();
			if (!certificates.isEmpty()) {
				return certificates;
			}
		}
		catch (RuntimeException ex) {
			throw new InvalidSettingException(pem.origin(), "it holds no readable PEM certificate",
					"Give one or more certificates, each between '-----BEGIN CERTIFICATE-----' and "
							+ "'-----END CERTIFICATE-----'.");
		}
		throw new InvalidSettingException(pem.origin(), "it holds no PEM certificate",
				"Give one or more certificates, each between '-----BEGIN CERTIFICATE-----' and "
						+ "'-----END CERTIFICATE-----'.");
	}

	private PrivateKey privateKey(Pem pem) {
		PrivateKey key = null;
		try {
			PemContent content = PemContent.of(pem.text());
			key = (content != null) ? content.getPrivateKey(this.privateKeyPassword) : null;
		}
		catch (RuntimeException ex) {
			key = null;
		}
		if (key == null) {
			throw new InvalidSettingException(pem.origin(),
					"it holds no readable PEM private key (or 'ssl.key.password' does not open it)",
					"Give an RSA or EC key in PKCS#8 ('BEGIN PRIVATE KEY' or 'BEGIN ENCRYPTED PRIVATE KEY'), "
							+ "PKCS#1 ('BEGIN RSA PRIVATE KEY') or SEC1 ('BEGIN EC PRIVATE KEY') form.");
		}
		return key;
	}

	private static boolean matches(PrivateKey key, X509Certificate certificate) {
		try {
			String algorithm = switch (key.getAlgorithm()) {
				case "RSA" -> "SHA256withRSA";
				case "EC" -> "SHA256withECDSA";
				default -> key.getAlgorithm();
			};
			byte[] data = new byte[32];
			new SecureRandom().nextBytes(data);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(data);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(data);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static String read(String location, String origin) {
		Path path = Path.of(location);
		try {
			return Files.readString(path);
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidSettingException(origin,
					"file '" + location + "' cannot be read (" + ex.getClass().getSimpleName() + ")",
					"Point it at a readable PEM file, or give the PEM text itself in the matching '*.pem' setting.");
		}
	}

	private record Pem(String text, String origin) {

		@Override
		public String toString() {
			return this.origin;
		}

	}

}
