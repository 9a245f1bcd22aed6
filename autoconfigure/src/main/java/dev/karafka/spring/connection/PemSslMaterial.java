package dev.karafka.spring.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.util.ClassUtils;

/**
 * PEM certificates and keys given as text, files or (for trusted certificates)
 * directories (librdkafka's {@code ssl.ca.*}, {@code ssl.certificate.*} and
 * {@code ssl.key.*}), checked and turned into an in-memory {@link SslBundle}. Boot's PEM
 * parser reads PKCS#1, SEC1 and PKCS#8 keys, which the Java client alone does not; legacy
 * encrypted PKCS#1 keys ({@code Proc-Type: 4,ENCRYPTED}) are read with BouncyCastle when
 * it is on the class path. PEM text whose line breaks arrive as a literal {@code \n} is
 * read with real line breaks. Error messages never contain key material, and say which
 * case they are: empty, PEM content where a path is expected, encrypted without or with a
 * wrong password, key not matching its certificate.
 *
 * @author karafka-spring
 */
final class PemSslMaterial {

	private static final String LEGACY_ENCRYPTION_HEADER = "Proc-Type: 4,ENCRYPTED";

	private static final String BEGIN = "-----BEGIN ";

	private static final String CERTIFICATE_FORM = "Give one or more certificates, each between "
			+ "'-----BEGIN CERTIFICATE-----' and '-----END CERTIFICATE-----'.";

	private final List<X509Certificate> trustedCertificates = new ArrayList<>();

	private final Set<String> normalizedSettings = new LinkedHashSet<>();

	private @Nullable Pem certificate;

	private @Nullable Pem privateKey;

	private @Nullable String privateKeyPassword;

	private @Nullable StoreFile keyStore;

	private @Nullable String origin;

	private @Nullable StoreFile trustStore;

	void trustedCertificatesFile(String location, String origin) {
		if ("probe".equalsIgnoreCase(location)) {
			return;
		}
		Path path = path(location, origin, "ssl.ca.pem");
		if (Files.isDirectory(path)) {
			this.trustedCertificates.addAll(directoryCertificates(path, origin));
		}
		else {
			trustedCertificates(read(path, origin), origin);
		}
	}

	void trustedCertificates(String pem, String origin) {
		this.trustedCertificates.addAll(certificates(pem(pem, origin)));
	}

	void certificateFile(String location, String origin) {
		certificate(read(path(location, origin, "ssl.certificate.pem"), origin), origin);
	}

	void certificate(String pem, String origin) {
		this.certificate = pem(pem, origin);
	}

	void privateKeyFile(String location, String origin) {
		privateKey(read(path(location, origin, "ssl.key.pem"), origin), origin);
	}

	void privateKey(String pem, String origin) {
		this.privateKey = pem(pem, origin);
	}

	void privateKeyPassword(String password, String origin) {
		this.privateKeyPassword = password;
	}

	/**
	 * Return the private key password when no PEM private key uses it: it is then the
	 * password of the key in a key store ({@code ssl.keystore.location}).
	 * @return the password or {@code null}
	 */
	@Nullable String unusedPrivateKeyPassword() {
		return (this.privateKey == null) ? this.privateKeyPassword : null;
	}

	Set<String> normalizedSettings() {
		return this.normalizedSettings;
	}

	/**
	 * Return whether PEM material was given, so that the clients will use the SSL bundle
	 * (and ignore their own {@code ssl.keystore.*} and {@code ssl.truststore.*}
	 * settings).
	 * @return whether there is PEM material
	 */
	boolean hasPemMaterial() {
		return this.certificate != null || this.privateKey != null || !this.trustedCertificates.isEmpty();
	}

	void keyStore(String location, @Nullable String type, @Nullable String password, @Nullable String keyPassword,
			String origin) {
		if (this.privateKey != null || this.certificate != null) {
			throw new InvalidSettingException(origin,
					"a client key store is given next to the PEM client certificate and key of '"
							+ ((this.privateKey != null) ? this.privateKey : this.certificate).origin() + "'",
					"Give the client key in one form only.");
		}
		this.keyStore = new StoreFile(load(location, type, password, origin), password, keyPassword);
		this.origin = (this.origin != null) ? this.origin : origin;
	}

	void trustStore(String location, @Nullable String type, @Nullable String password, String origin) {
		if (!this.trustedCertificates.isEmpty()) {
			throw new InvalidSettingException(origin, "a trust store is given next to PEM CA certificates",
					"Give the trusted certificates in one form only ('ssl.ca.pem', 'ssl.ca.location' or "
							+ "'ssl.truststore.location').");
		}
		this.trustStore = new StoreFile(load(location, type, password, origin), password, null);
	}

	@Nullable SslBundle toSslBundle() {
		PemSslStore pemKeyStore = keyStore();
		PemSslStore pemTrustStore = this.trustedCertificates.isEmpty() ? null
				: PemSslStore.of(List.copyOf(this.trustedCertificates), null);
		if (pemKeyStore == null && pemTrustStore == null) {
			return null;
		}
		if (this.keyStore == null && this.trustStore == null) {
			return SslBundle.of(new PemSslStoreBundle(pemKeyStore, pemTrustStore));
		}
		PemSslStoreBundle pem = new PemSslStoreBundle(pemKeyStore, pemTrustStore);
		KeyStore keys = (this.keyStore != null) ? this.keyStore.store() : pem.getKeyStore();
		String keysPassword = (this.keyStore != null) ? this.keyStore.password() : pem.getKeyStorePassword();
		KeyStore trusted = (this.trustStore != null) ? this.trustStore.store() : pem.getTrustStore();
		String keyPassword = (this.keyStore != null) ? this.keyStore.keyPassword() : null;
		return SslBundle.of(SslStoreBundle.of(keys, keysPassword, trusted),
				(keyPassword != null) ? SslBundleKey.of(keyPassword) : SslBundleKey.NONE);
	}

	private static KeyStore load(String location, @Nullable String type, @Nullable String password, String origin) {
		Path path = path(location, origin, "ssl.key.pem");
		try (InputStream input = Files.newInputStream(path)) {
			KeyStore store = KeyStore.getInstance((type != null) ? type : KeyStore.getDefaultType());
			store.load(input, (password != null) ? password.toCharArray() : null);
			return store;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new InvalidSettingException(origin,
					"key store '" + path + "' cannot be read (" + ex.getClass().getSimpleName()
							+ "): a missing file, another type or a wrong password",
					"Check the file, its 'ssl.keystore.type' or 'ssl.truststore.type' (JKS or PKCS12) and its "
							+ "password.");
		}
	}

	/**
	 * Return the setting or environment variable of the first SSL material given.
	 * @return the origin or {@code null}
	 */
	@Nullable String origin() {
		return this.origin;
	}

	private Pem pem(String text, String origin) {
		this.origin = (this.origin != null) ? this.origin : origin;
		if (text.isBlank()) {
			throw new InvalidSettingException(origin, "it is empty",
					"Give the PEM text, or remove the setting (on Heroku, check the add-on's variables with "
							+ "'heroku config').");
		}
		if (text.contains(BEGIN) && text.contains("\\n")) {
			this.normalizedSettings.add(origin);
			return new Pem(text.replace("\\r\\n", "\n").replace("\\n", "\n"), origin);
		}
		return new Pem(text, origin);
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

	private static List<X509Certificate> certificates(Pem pem) {
		if (!pem.text().contains(BEGIN + "CERTIFICATE-----") && pem.text().contains("PRIVATE KEY-----")) {
			throw new InvalidSettingException(pem.origin(), "it holds a private key, not a certificate",
					CERTIFICATE_FORM);
		}
		List<X509Certificate> certificates;
		try {
			PemContent content = PemContent.of(pem.text());
			certificates = (content != null) ? content.getCertificates() : List.of();
		}
		catch (RuntimeException ex) {
			throw new InvalidSettingException(pem.origin(), "it holds no readable PEM certificate", CERTIFICATE_FORM);
		}
		if (certificates.isEmpty()) {
			throw new InvalidSettingException(pem.origin(), pem.text().contains("PRIVATE KEY")
					? "it holds a private key, not a certificate" : "it holds no PEM certificate", CERTIFICATE_FORM);
		}
		return certificates;
	}

	private PrivateKey privateKey(Pem pem) {
		String password = this.privateKeyPassword;
		boolean legacyEncrypted = pem.text().contains(LEGACY_ENCRYPTION_HEADER);
		boolean encrypted = legacyEncrypted || pem.text().contains("BEGIN ENCRYPTED PRIVATE KEY");
		if (encrypted && (password == null || password.isEmpty())) {
			throw new InvalidSettingException(pem.origin(),
					"it is an encrypted private key, and 'ssl.key.password' is not given",
					"Give the key's password in 'ssl.key.password' next to it.");
		}
		if (legacyEncrypted && !isBouncyCastlePresent()) {
			throw new InvalidSettingException(pem.origin(),
					"it is a legacy encrypted PKCS#1 key (" + LEGACY_ENCRYPTION_HEADER
							+ "), which needs BouncyCastle (org.bouncycastle:bcpkix-jdk18on) to be read",
					"Add bcpkix-jdk18on to the application, or convert the key to encrypted PKCS#8 with "
							+ "'openssl pkcs8 -topk8 -v2 aes-256-cbc -in client.key -out client-pkcs8.key' "
							+ "and give that file.");
		}
		PrivateKey key;
		try {
			key = legacyEncrypted ? LegacyEncryptedKey.decrypt(pem.text(), password) : bootPrivateKey(pem, password);
		}
		catch (IOException | RuntimeException ex) {
			key = null;
		}
		if (key == null && encrypted) {
			throw new InvalidSettingException(pem.origin(),
					"it is an encrypted private key, and 'ssl.key.password' does not open it (wrong password)",
					"Give the password the key was encrypted with in 'ssl.key.password'.");
		}
		if (key == null) {
			throw new InvalidSettingException(pem.origin(), "it holds no readable PEM private key",
					"Give an RSA or EC key in PKCS#8 ('BEGIN PRIVATE KEY' or 'BEGIN ENCRYPTED PRIVATE KEY'), "
							+ "PKCS#1 ('BEGIN RSA PRIVATE KEY', also encrypted) or SEC1 ('BEGIN EC PRIVATE KEY') "
							+ "form.");
		}
		return key;
	}

	private static @Nullable PrivateKey bootPrivateKey(Pem pem, @Nullable String password) {
		PemContent content = PemContent.of(pem.text());
		return (content != null) ? content.getPrivateKey(password) : null;
	}

	private static boolean matches(PrivateKey key, X509Certificate certificate) {
		try {
			String algorithm = switch (key.getAlgorithm()) {
				case "RSA" -> "SHA256withRSA";
				case "EC", "ECDSA" -> "SHA256withECDSA";
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

	private static Path path(String location, String origin, String pemSetting) {
		if (location.contains(BEGIN)) {
			throw new InvalidSettingException(origin, "its value looks like PEM content, not a path",
					"Give the PEM text in '" + pemSetting + "' instead, or write it to a file and give the "
							+ "file's path here.");
		}
		if (location.isBlank()) {
			throw new InvalidSettingException(origin, "it is empty",
					"Give the path of a PEM file, or remove the setting.");
		}
		try {
			return Path.of(location);
		}
		catch (RuntimeException ex) {
			throw new InvalidSettingException(origin, "it is not a file path", "Give the path of a PEM file.");
		}
	}

	private static String read(Path path, String origin) {
		try {
			return Files.readString(path);
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidSettingException(origin,
					"file '" + path + "' cannot be read (" + ex.getClass().getSimpleName() + ")",
					"Point it at a readable PEM file, or give the PEM text itself in the matching '*.pem' setting.");
		}
	}

	private static List<X509Certificate> directoryCertificates(Path directory, String origin) {
		List<X509Certificate> certificates = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				String text = read(file, origin);
				if (text.contains(BEGIN + "CERTIFICATE-----")) {
					certificates.addAll(certificates(new Pem(text, origin + " (" + file.getFileName() + ")")));
				}
			}
		}
		catch (IOException ex) {
			throw new InvalidSettingException(origin,
					"directory '" + directory + "' cannot be read (" + ex.getClass().getSimpleName() + ")",
					"Point it at a readable directory of PEM certificate files, or at one PEM file.");
		}
		if (certificates.isEmpty()) {
			throw new InvalidSettingException(origin, "directory '" + directory + "' holds no PEM certificate file",
					"Put the CA certificates there as PEM files, or point it at one PEM file.");
		}
		return certificates;
	}

	private record StoreFile(KeyStore store, @Nullable String password, @Nullable String keyPassword) {

	}

	private record Pem(String text, String origin) {

		@Override
		public String toString() {
			return this.origin;
		}

	}

	/**
	 * Whether BouncyCastle is on the class path, looked up only when a legacy encrypted
	 * key needs it: its jars are signed, and the JVM verifies a signed jar when its first
	 * class loads, which takes hundreds of milliseconds at start-up.
	 */
	private static boolean isBouncyCastlePresent() {
		return ClassUtils.isPresent("org.bouncycastle.openssl.PEMParser", PemSslMaterial.class.getClassLoader());
	}

	/**
	 * Reads legacy encrypted PKCS#1 keys with BouncyCastle, apart so that BouncyCastle is
	 * only loaded when such a key is given.
	 */
	private static final class LegacyEncryptedKey {

		static @Nullable PrivateKey decrypt(String pem, @Nullable String password) throws IOException {
			try (PEMParser parser = new PEMParser(new StringReader(pem))) {
				for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
					if (object instanceof PEMEncryptedKeyPair encrypted) {
						PEMKeyPair keyPair = encrypted.decryptKeyPair(
								new BcPEMDecryptorProvider((password != null) ? password.toCharArray() : new char[0]));
						return new JcaPEMKeyConverter().getPrivateKey(keyPair.getPrivateKeyInfo());
					}
				}
			}
			return null;
		}

	}

}
