package dev.karafka.spring.test.broker;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * TLS material of a {@link KafkaTestBroker}: a certificate authority, the broker and
 * client certificates it signed, and client keys in the PEM encodings that platforms hand
 * out. The authority and the broker use EC P-256 keys. Generated at broker start, kept in
 * memory and written as files in the broker's data directory.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class TestCertificates {

	static final String CA_CERTIFICATE_FILE = "ca.pem";

	static final String BROKER_KEY_STORE_FILE = "broker.pem";

	private static final Duration VALIDITY = Duration.ofDays(365);

	private static final SecureRandom random = new SecureRandom();

	private final String caCertificatePem;

	private final String otherCaCertificatePem;

	private final String clientCertificatePem;

	private final String clientKeyPkcs8Pem;

	private final String clientKeyPkcs1Pem;

	private final String ecClientCertificatePem;

	private final String ecClientKeyPkcs8Pem;

	private final String ecClientKeySec1Pem;

	private final String unrelatedKeyPkcs8Pem;

	private final Path caCertificateFile;

	private final Path clientCertificateFile;

	private final Path clientKeyPkcs8File;

	private final Path clientKeyPkcs1File;

	private TestCertificates(Path directory) throws GeneralSecurityException, IOException {
		Authority ca = Authority.selfSigned("Karafka Test CA", ecKeyPair());
		Authority otherCa = Authority.selfSigned("Karafka Other Test CA", ecKeyPair());
		KeyPair brokerKeyPair = ecKeyPair();
		KeyPair clientKeyPair = rsaKeyPair();
		KeyPair ecClientKeyPair = ecKeyPair();
		X509Certificate brokerCertificate = ca.issue("localhost", brokerKeyPair.getPublic(),
				KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.dNSName, "localhost"));
		this.caCertificatePem = pem(ca.certificate());
		this.otherCaCertificatePem = pem(otherCa.certificate());
		this.clientCertificatePem = pem(
				ca.issue("karafka-client", clientKeyPair.getPublic(), KeyPurposeId.id_kp_clientAuth));
		this.clientKeyPkcs8Pem = pkcs8Pem(clientKeyPair.getPrivate());
		this.clientKeyPkcs1Pem = pem(clientKeyPair.getPrivate());
		this.ecClientCertificatePem = pem(
				ca.issue("karafka-ec-client", ecClientKeyPair.getPublic(), KeyPurposeId.id_kp_clientAuth));
		this.ecClientKeyPkcs8Pem = pkcs8Pem(ecClientKeyPair.getPrivate());
		this.ecClientKeySec1Pem = sec1Pem(ecClientKeyPair.getPrivate());
		this.unrelatedKeyPkcs8Pem = pkcs8Pem(rsaKeyPair().getPrivate());
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(BROKER_KEY_STORE_FILE),
				pkcs8Pem(brokerKeyPair.getPrivate()) + pem(brokerCertificate) + this.caCertificatePem);
		this.caCertificateFile = Files.writeString(directory.resolve(CA_CERTIFICATE_FILE), this.caCertificatePem);
		this.clientCertificateFile = Files.writeString(directory.resolve("client.pem"), this.clientCertificatePem);
		this.clientKeyPkcs8File = Files.writeString(directory.resolve("client-key-pkcs8.pem"), this.clientKeyPkcs8Pem);
		this.clientKeyPkcs1File = Files.writeString(directory.resolve("client-key-pkcs1.pem"), this.clientKeyPkcs1Pem);
	}

	static TestCertificates generate(Path directory) {
		try {
			return new TestCertificates(directory);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Failed to generate test certificates in " + directory, ex);
		}
	}

	/**
	 * Return the PEM certificate of the authority that signed the broker and client
	 * certificates.
	 * @return the CA certificate
	 */
	public String caCertificatePem() {
		return this.caCertificatePem;
	}

	/**
	 * Return the PEM certificate of a self-signed authority unrelated to the broker.
	 * @return the other CA certificate
	 */
	public String otherCaCertificatePem() {
		return this.otherCaCertificatePem;
	}

	/**
	 * Return the PEM RSA client certificate, {@code CN=karafka-client}, signed by the CA.
	 * @return the client certificate
	 */
	public String clientCertificatePem() {
		return this.clientCertificatePem;
	}

	/**
	 * Return the RSA client key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
	 * @return the client key
	 */
	public String clientKeyPkcs8Pem() {
		return this.clientKeyPkcs8Pem;
	}

	/**
	 * Return the RSA client key as PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}).
	 * @return the client key
	 */
	public String clientKeyPkcs1Pem() {
		return this.clientKeyPkcs1Pem;
	}

	/**
	 * Return the PEM EC (P-256) client certificate, {@code CN=karafka-ec-client}, signed
	 * by the CA.
	 * @return the EC client certificate
	 */
	public String ecClientCertificatePem() {
		return this.ecClientCertificatePem;
	}

	/**
	 * Return the EC client key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}).
	 * @return the EC client key
	 */
	public String ecClientKeyPkcs8Pem() {
		return this.ecClientKeyPkcs8Pem;
	}

	/**
	 * Return the EC client key as SEC1 PEM ({@code BEGIN EC PRIVATE KEY}).
	 * @return the EC client key
	 */
	public String ecClientKeySec1Pem() {
		return this.ecClientKeySec1Pem;
	}

	/**
	 * Return a PKCS#8 PEM RSA key that matches none of the certificates.
	 * @return the unrelated key
	 */
	public String unrelatedKeyPkcs8Pem() {
		return this.unrelatedKeyPkcs8Pem;
	}

	/**
	 * Return the file holding {@link #caCertificatePem()}.
	 * @return the CA certificate file
	 */
	public Path caCertificateFile() {
		return this.caCertificateFile;
	}

	/**
	 * Return the file holding {@link #clientCertificatePem()}.
	 * @return the client certificate file
	 */
	public Path clientCertificateFile() {
		return this.clientCertificateFile;
	}

	/**
	 * Return the file holding {@link #clientKeyPkcs8Pem()}.
	 * @return the PKCS#8 client key file
	 */
	public Path clientKeyPkcs8File() {
		return this.clientKeyPkcs8File;
	}

	/**
	 * Return the file holding {@link #clientKeyPkcs1Pem()}.
	 * @return the PKCS#1 client key file
	 */
	public Path clientKeyPkcs1File() {
		return this.clientKeyPkcs1File;
	}

	private static KeyPair rsaKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048, random);
		return generator.generateKeyPair();
	}

	private static KeyPair ecKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), random);
		return generator.generateKeyPair();
	}

	private static String pem(Object object) {
		StringWriter writer = new StringWriter();
		try (JcaPEMWriter pemWriter = new JcaPEMWriter(writer)) {
			pemWriter.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return writer.toString();
	}

	private static String pkcs8Pem(PrivateKey key) throws IOException {
		return pem(new JcaPKCS8Generator(key, null));
	}

	private static String sec1Pem(PrivateKey key) throws IOException {
		PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
		ECPrivateKey withoutCurve = ECPrivateKey.getInstance(info.parsePrivateKey());
		ECPrivateKey withCurve = new ECPrivateKey(256, withoutCurve.getKey(),
				info.getPrivateKeyAlgorithm().getParameters());
		return pem(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
	}

	private record Authority(X509Certificate certificate, PrivateKey key) {

		static Authority selfSigned(String commonName, KeyPair keyPair) throws GeneralSecurityException, IOException {
			X500Name name = name(commonName);
			X509v3CertificateBuilder builder = builder(name, name, keyPair.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			return new Authority(sign(builder, keyPair.getPrivate()), keyPair.getPrivate());
		}

		X509Certificate issue(String commonName, PublicKey publicKey, KeyPurposeId purpose,
				GeneralName... subjectAlternativeNames) throws GeneralSecurityException, IOException {
			X500Name issuer = X500Name.getInstance(this.certificate.getSubjectX500Principal().getEncoded());
			X509v3CertificateBuilder builder = builder(issuer, name(commonName), publicKey)
				.addExtension(Extension.authorityKeyIdentifier, false,
						new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.certificate))
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
			if (subjectAlternativeNames.length > 0) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(subjectAlternativeNames));
			}
			return sign(builder, this.key);
		}

		private static X500Name name(String commonName) {
			return new X500Name("CN=" + commonName);
		}

		private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey publicKey)
				throws GeneralSecurityException, IOException {
			Instant now = Instant.now();
			return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random),
					Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, publicKey)
				.addExtension(Extension.subjectKeyIdentifier, false,
						new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
		}

		private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
				throws GeneralSecurityException {
			try {
				return new JcaX509CertificateConverter()
					.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
			}
			catch (OperatorCreationException ex) {
				throw new GeneralSecurityException(ex);
			}
		}

	}

}
