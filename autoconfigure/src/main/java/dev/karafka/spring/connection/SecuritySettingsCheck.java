package dev.karafka.spring.connection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.jspecify.annotations.Nullable;

/**
 * Checks at start-up that the SASL and SSL settings of one kind of client fit its
 * security protocol, as the Kafka client would on its first connection, so that a mistake
 * is a start-up report naming the setting instead of a client that cannot connect:
 * <ul>
 * <li>SASL settings ({@code sasl.username}, {@code sasl.mechanisms},
 * {@code sasl.jaas.config}, ...) next to a protocol without SASL ({@code PLAINTEXT},
 * {@code SSL}) are refused: the clients would never log in, and the brokers of a SASL
 * listener close their connections "during authentication".</li>
 * <li>With {@code SSL} or {@code SASL_SSL}, key and trust store settings
 * ({@code ssl.keystore.*}, {@code ssl.truststore.*}, {@code ssl.key.password}) are loaded
 * by Kafka's own {@link DefaultSslEngineFactory}, which the clients use, and its refusal
 * is reported naming the settings involved.</li>
 * <li>With SASL, {@code sasl.jaas.config} is read as the Kafka client reads it.</li>
 * </ul>
 * Reports name settings, never their values.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class SecuritySettingsCheck {

	private static final String DEFAULT_PROTOCOL = "PLAINTEXT";

	private static final List<String> STORE_LOCATIONS = List.of(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG,
			SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);

	private static final String KEY_STORE_ACTION = "Give 'ssl.keystore.location' and 'ssl.keystore.password' "
			+ "together (with 'ssl.keystore.type' JKS or PKCS12, the default being JKS; a PEM key store takes "
			+ "only 'ssl.key.password'), or give the client certificate and key as PEM in 'ssl.certificate.pem' "
			+ "and 'ssl.key.pem'. Remove the key store settings if the brokers do not ask for a client "
			+ "certificate.";

	private static final String TRUST_STORE_ACTION = "Give 'ssl.truststore.location' with its "
			+ "'ssl.truststore.password' and 'ssl.truststore.type' (JKS or PKCS12; a PEM trust store takes no "
			+ "password), or give the CA certificates in 'ssl.ca.pem' or 'ssl.ca.location'. Remove the trust "
			+ "store settings if the brokers' certificates are signed by a CA the JVM trusts.";

	private SecuritySettingsCheck() {
	}

	/**
	 * Check that the SASL settings of one kind of client fit its security protocol.
	 * @param settings the client's settings
	 * @param protocol the client's effective security protocol, {@code null} for Kafka's
	 * default {@code PLAINTEXT}
	 * @param protocolOrigin the setting the protocol comes from, {@code null} when it is
	 * Kafka's default
	 * @throws InvalidSettingException if SASL settings are given for a protocol without
	 * SASL, or a {@code sasl.jaas.config} the Kafka client cannot read
	 */
	public static void checkSasl(ClientSettings settings, @Nullable String protocol, @Nullable String protocolOrigin) {
		String effective = effective(protocol);
		if (effective.startsWith("SASL_")) {
			checkJaasConfig(settings);
			return;
		}
		List<String> origins = settings.properties()
			.keySet()
			.stream()
			.filter((key) -> key.startsWith("sasl."))
			.map(settings::origin)
			.filter(Objects::nonNull)
			.distinct()
			.sorted()
			.toList();
		if (origins.isEmpty()) {
			return;
		}
		String protocolSource = (protocolOrigin != null) ? "from '" + protocolOrigin + "'" : "Kafka's default";
		String saslProtocol = effective.equals("SSL") ? "SASL_SSL" : "SASL_SSL (or SASL_PLAINTEXT without TLS)";
		Map<String, @Nullable String> unknown = settings.unknownSettings();
		String misspellings = origins.stream()
			.filter((origin) -> unknown.get(origin) != null)
			.map((origin) -> "; '" + origin + "' is no Kafka setting either: a misspelling of '" + unknown.get(origin)
					+ "'?")
			.collect(Collectors.joining());
		throw new InvalidSettingException(origins.get(0),
				"it gives SASL settings (" + quoted(origins) + "), but the security protocol is " + effective + " ("
						+ protocolSource + "), which has no SASL: the clients would never log in" + misspellings,
				"Set 'security.protocol' to " + saslProtocol
						+ " if the cluster uses SASL, or remove the SASL settings if it does not.");
	}

	/**
	 * Read {@code sasl.jaas.config} as the Kafka client will, with its own
	 * {@link JaasContext}: one login module, allowed by
	 * {@code org.apache.kafka.disallowed.login.modules}, with a control flag and
	 * {@code key="value"} options, ending with a semicolon. Kafka's message quotes parts
	 * of the value, which may be the password; they are left out.
	 */
	private static void checkJaasConfig(ClientSettings settings) {
		String jaasConfig = settings.properties().get(SaslConfigs.SASL_JAAS_CONFIG);
		if (jaasConfig == null) {
			return;
		}
		try {
			JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaasConfig)));
		}
		catch (IllegalArgumentException | KafkaException ex) {
			String reason = String.valueOf(ex.getMessage()).replaceAll("\\s*'[^']*'", "");
			throw new InvalidSettingException(String.valueOf(settings.origin(SaslConfigs.SASL_JAAS_CONFIG)),
					"the Kafka client cannot read it: " + reason,
					"Write it as '<login module class> required username=\"...\" password=\"...\";': one login "
							+ "module, the control flag 'required', options as key=\"value\" pairs, and a "
							+ "semicolon at the end. Or remove it and give 'sasl.username' and 'sasl.password', "
							+ "from which the starter writes it.");
		}
	}

	/**
	 * Check the key and trust store settings of one kind of client with Kafka's own
	 * {@link DefaultSslEngineFactory}, when its protocol uses TLS and it has such
	 * settings (and neither an SSL bundle nor its own {@code ssl.engine.factory.class}).
	 * @param settings the client's settings
	 * @param protocol the client's effective security protocol, {@code null} for Kafka's
	 * default {@code PLAINTEXT}
	 * @throws InvalidSettingException if a store file cannot be read, or the Kafka client
	 * would refuse the settings
	 */
	public static void checkSslStores(ClientSettings settings, @Nullable String protocol) {
		if (effective(protocol).endsWith("SSL")) {
			checkStores(settings);
		}
	}

	private static String effective(@Nullable String protocol) {
		return (protocol != null) ? protocol.toUpperCase(Locale.ROOT) : DEFAULT_PROTOCOL;
	}

	private static void checkStores(ClientSettings settings) {
		if (settings.sslBundle() != null
				|| settings.properties().containsKey(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG)
				|| settings.properties().keySet().stream().noneMatch(SecuritySettingsCheck::isStoreSetting)) {
			return;
		}
		for (String location : STORE_LOCATIONS) {
			String path = settings.properties().get(location);
			if (path != null) {
				checkReadable(path, settings.origin(location));
			}
		}
		try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
			factory.configure(new ConfigDef().withClientSslSupport().parse(settings.properties()));
		}
		catch (KafkaException ex) {
			throw refusal(settings, ex);
		}
	}

	private static void checkReadable(String location, @Nullable String origin) {
		try (InputStream input = Files.newInputStream(Path.of(location))) {
			input.read();
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidSettingException(String.valueOf(origin),
					"file '" + location + "' cannot be read (" + ex.getClass().getSimpleName() + ")",
					"Point it at a readable JKS, PKCS12 or PEM store file, or give the certificates as PEM text "
							+ "in the matching '*.pem' setting.");
		}
	}

	private static InvalidSettingException refusal(ClientSettings settings, Exception ex) {
		String reason = reason(settings, ex);
		String normalized = reason.toLowerCase(Locale.ROOT).replace(" ", "");
		String trustStorePath = settings.properties().get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
		boolean trustStore = normalized.contains("truststore")
				|| (trustStorePath != null && reason.contains(trustStorePath));
		boolean keyStore = !trustStore && (normalized.contains("keystore") || normalized.contains("privatekey")
				|| normalized.contains("certificatechain"));
		List<String> origins = new ArrayList<>();
		settings.properties().keySet().forEach((key) -> {
			boolean involved = (trustStore) ? key.startsWith("ssl.truststore.")
					: (keyStore) ? key.startsWith("ssl.keystore.") || key.equals(SslConfigs.SSL_KEY_PASSWORD_CONFIG)
							: key.startsWith("ssl.");
			String origin = settings.origin(key);
			if (involved && origin != null && !origins.contains(origin)) {
				origins.add(origin);
			}
		});
		origins.sort(Comparator.comparing((String origin) -> !origin.endsWith(".location"))
			.thenComparing(Comparator.naturalOrder()));
		String action = (trustStore) ? TRUST_STORE_ACTION : (keyStore) ? KEY_STORE_ACTION
				: "Check these SSL settings against the Kafka client's documentation of 'ssl.*' settings.";
		return new InvalidSettingException(origins.isEmpty() ? "ssl" : origins.get(0),
				"the Kafka client refuses the SSL settings " + quoted(origins) + ": " + reason, action);
	}

	private static String reason(ClientSettings settings, Exception ex) {
		StringBuilder reason = new StringBuilder(String.valueOf(ex.getMessage()));
		Throwable cause = ex.getCause();
		while (cause != null && cause != cause.getCause()) {
			if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage())) {
				reason.append(" (").append(cause.getMessage()).append(")");
			}
			cause = cause.getCause();
		}
		String masked = reason.toString();
		for (Map.Entry<String, String> setting : settings.properties().entrySet()) {
			if (SecretSettings.isSecret(setting.getKey()) && !setting.getValue().isEmpty()) {
				masked = masked.replace(setting.getValue(), "******");
			}
		}
		return masked;
	}

	private static boolean isStoreSetting(String key) {
		return key.startsWith("ssl.keystore.") || key.startsWith("ssl.truststore.")
				|| key.equals(SslConfigs.SSL_KEY_PASSWORD_CONFIG);
	}

	private static String quoted(List<String> names) {
		return names.stream().map((name) -> "'" + name + "'").collect(Collectors.joining(", "));
	}

}
