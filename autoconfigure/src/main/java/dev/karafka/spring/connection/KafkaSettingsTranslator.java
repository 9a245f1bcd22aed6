package dev.karafka.spring.connection;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * Translates Kafka client settings written with Java client or librdkafka names (as in
 * Karafka's {@code config.kafka}) to Java client properties. Settings with the same
 * meaning in both clients pass through; librdkafka-only settings are left out and
 * reported; settings that cannot be honoured fail with an
 * {@link InvalidSettingException}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class KafkaSettingsTranslator {

	private static final Pattern SERVER_SCHEME = Pattern.compile("^([A-Za-z+_]+)://(.*)$");

	private static final Set<String> SERVER_SCHEMES = Set.of("kafka+ssl", "kafka", "ssl", "plaintext", "sasl_ssl",
			"sasl_plaintext");

	private static final Pattern SERVER = Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+):(\\d{1,5})$");

	private static final Pattern POSITIVE_MILLIS = Pattern.compile("^0*[1-9]\\d{0,17}$");

	private static final String OAUTHBEARER_METHOD = "sasl.oauthbearer.method";

	private static final Set<String> OIDC_SETTINGS = Set.of(OAUTHBEARER_METHOD, "sasl.oauthbearer.client.id",
			"sasl.oauthbearer.client.secret", "sasl.oauthbearer.scope", "sasl.oauthbearer.extensions");

	private static final Set<String> CREDENTIAL_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

	private static final Map<String, String> RENAMED = Map.of("metadata.broker.list",
			CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "sasl.mechanisms", SaslConfigs.SASL_MECHANISM,
			"request.required.acks", ProducerConfig.ACKS_CONFIG, "compression.codec",
			ProducerConfig.COMPRESSION_TYPE_CONFIG, "message.timeout.ms", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
			"queue.buffering.max.ms", ProducerConfig.LINGER_MS_CONFIG, "fetch.wait.max.ms",
			ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "topic.metadata.refresh.interval.ms",
			CommonClientConfigs.METADATA_MAX_AGE_CONFIG);

	private static final Map<String, String> ASSIGNORS = Map.of("range", RangeAssignor.class.getName(), "roundrobin",
			RoundRobinAssignor.class.getName(), "cooperative-sticky", CooperativeStickyAssignor.class.getName());

	private static final Set<String> LIBRDKAFKA_ONLY = Set.of("statistics.interval.ms", "enable.partition.eof",
			"queued.min.messages", "queued.max.messages.kbytes", "queue.buffering.max.messages",
			"queue.buffering.max.kbytes", "batch.num.messages", "message.max.bytes", "message.copy.max.bytes",
			"socket.keepalive.enable", "socket.nagle.disable", "socket.timeout.ms", "log.connection.close", "log_level",
			"log.queue", "log.thread.name", "debug", "api.version.request", "api.version.fallback.ms",
			"broker.version.fallback", "coordinator.query.interval.ms", "fetch.error.backoff.ms",
			"fetch.queue.backoff.ms", "topic.metadata.refresh.sparse", "topic.metadata.refresh.fast.interval.ms",
			"topic.metadata.propagation.max.ms", "internal.termination.signal", "enable.sasl.oauthbearer.unsecure.jwt",
			"ssl.curves.list", "ssl.sigalgs.list", "ssl.engine.location", "ssl.engine.id", "ssl.crl.location",
			"ssl.providers", "open_ssl_engine_callback_data", "builtin.features", "client.software.name",
			"client.software.version", "enable.random.seed", "sticky.partitioning.linger.ms", "queuing.strategy",
			"retry.backoff.max.ms.jitter", "enable.gapless.guarantee", "delivery.report.only.error", "dr_cb",
			"dr_msg_cb", "check.crcs.native", "enable.metrics.push.native");

	private KafkaSettingsTranslator() {
	}

	/**
	 * Translate the given settings.
	 * @param settings the settings, with Java client or librdkafka names
	 * @return the Java client settings
	 * @throws InvalidSettingException if a setting cannot be honoured
	 */
	public static ClientSettings translate(KafkaSettings settings) {
		Map<String, String> properties = new LinkedHashMap<>();
		Set<String> ignored = new LinkedHashSet<>();
		PemSslMaterial sslMaterial = new PemSslMaterial();
		boolean oidc = isOidc(settings);
		for (String key : settings.keys()) {
			String value = settings.get(key);
			String origin = settings.origin(key);
			if (oidc && OIDC_SETTINGS.contains(key)) {
				continue;
			}
			switch (key) {
				case "bootstrap.servers", "metadata.broker.list" ->
					properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(value, origin));
				case "security.protocol" -> properties.put(key, securityProtocol(value, origin));
				case "sasl.mechanism", "sasl.mechanisms" ->
					properties.put(SaslConfigs.SASL_MECHANISM, value.toUpperCase(Locale.ROOT));
				case "sasl.username", "sasl.password", OAUTHBEARER_METHOD, "sasl.oauthbearer.client.id",
						"sasl.oauthbearer.client.secret" ->
					{
					}
				case "ssl.ca.location" -> sslMaterial.trustedCertificatesFile(value, origin);
				case "ssl.ca.pem" -> sslMaterial.trustedCertificates(value, origin);
				case "ssl.certificate.location" -> sslMaterial.certificateFile(value, origin);
				case "ssl.certificate.pem" -> sslMaterial.certificate(value, origin);
				case "ssl.key.location" -> sslMaterial.privateKeyFile(value, origin);
				case "ssl.key.pem" -> sslMaterial.privateKey(value, origin);
				case "ssl.key.password" -> sslMaterial.privateKeyPassword(value);
				case "ssl.endpoint.identification.algorithm" ->
					properties.put(key, endpointIdentificationAlgorithm(value, origin));
				case "enable.ssl.certificate.verification" -> checkCertificateVerification(value, origin);
				case "partition.assignment.strategy" -> properties.put(key, assignors(value));
				case "enable.auto.commit" -> properties.put(key, autoCommit(value, origin));
				case "enable.auto.offset.store" -> checkAutoOffsetStore(value, origin);
				case "auto.commit.interval.ms" -> properties.put(key, autoCommitInterval(value, origin));
				default -> {
					if (LIBRDKAFKA_ONLY.contains(key)) {
						ignored.add(key);
					}
					else {
						properties.put(RENAMED.getOrDefault(key, key), value);
					}
				}
			}
		}
		applySaslCredentials(settings, properties);
		if (oidc) {
			applyOidc(settings, properties);
		}
		return new ClientSettings(properties, sslMaterial.toSslBundle(), ignored);
	}

	private static String bootstrapServers(String value, String origin) {
		List<String> servers = Arrays.stream(value.split(","))
			.map(String::trim)
			.filter((server) -> !server.isEmpty())
			.map((server) -> bootstrapServer(server, origin))
			.toList();
		if (servers.isEmpty()) {
			throw new InvalidSettingException(origin, "no bootstrap server is given",
					"Give one or more brokers as host:port, separated by commas.");
		}
		return String.join(",", servers);
	}

	private static String bootstrapServer(String server, String origin) {
		String address = server;
		Matcher scheme = SERVER_SCHEME.matcher(server);
		if (scheme.matches()) {
			if (!SERVER_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
				throw new InvalidSettingException(origin,
						"bootstrap server '" + server + "' has an unknown scheme '" + scheme.group(1) + "'",
						"Write it as host:port; the schemes kafka+ssl://, kafka://, ssl:// and plaintext:// "
								+ "are accepted and removed.");
			}
			address = scheme.group(2);
		}
		Matcher matcher = SERVER.matcher(address);
		if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1
				|| Integer.parseInt(matcher.group(2)) > 65535) {
			throw new InvalidSettingException(origin, "bootstrap server '" + server + "' has no valid port",
					"Write each broker as host:port, for example broker1.example.com:9092 "
							+ "(AWS MSK uses 9096 for SASL/SCRAM and 9094 for TLS).");
		}
		return address;
	}

	private static String securityProtocol(String value, String origin) {
		String protocol = value.toUpperCase(Locale.ROOT);
		if (!SecurityProtocol.names().contains(protocol)) {
			throw new InvalidSettingException(origin, "'" + value + "' is not a security protocol",
					"Use one of " + String.join(", ", SecurityProtocol.names()) + " (in any letter case).");
		}
		return protocol;
	}

	private static String endpointIdentificationAlgorithm(String value, String origin) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "none", "" -> "";
			case "https" -> "https";
			default ->
				throw new InvalidSettingException(origin, "'" + value + "' is not an endpoint identification algorithm",
						"Use 'https' to verify broker host names (the default) or 'none' to skip the check.");
		};
	}

	private static void checkCertificateVerification(String value, String origin) {
		if ("false".equalsIgnoreCase(value)) {
			throw new InvalidSettingException(origin,
					"turning off certificate verification would trust any broker, including an attacker's",
					"Trust the broker's CA instead: give it in 'ssl.ca.pem' or 'ssl.ca.location'. If only the "
							+ "host name does not match the certificate, set "
							+ "'ssl.endpoint.identification.algorithm' to 'none'.");
		}
	}

	private static String autoCommit(String value, String origin) {
		if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
			throw new InvalidSettingException(origin, "'" + value + "' is not true or false",
					"Leave it out: listener containers commit the offsets of processed records in the background "
							+ "every 'auto.commit.interval.ms', as Karafka does with enable.auto.commit=true.");
		}
		return "false";
	}

	private static void checkAutoOffsetStore(String value, String origin) {
		if (!"false".equalsIgnoreCase(value)) {
			throw new InvalidSettingException(origin,
					"storing offsets when records are polled would commit records that were never processed",
					"Leave it out (or set it to false, as Karafka does): listener containers commit only the "
							+ "offsets of processed records.");
		}
	}

	private static String autoCommitInterval(String value, String origin) {
		String interval = value.trim();
		if (POSITIVE_MILLIS.matcher(interval).matches()) {
			return interval;
		}
		throw new InvalidSettingException(origin, "'" + value + "' is not a positive number of milliseconds",
				"Give the commit interval in milliseconds, for example 1000.");
	}

	private static String assignors(String value) {
		return Arrays.stream(value.split(","))
			.map(String::trim)
			.map((assignor) -> ASSIGNORS.getOrDefault(assignor.toLowerCase(Locale.ROOT), assignor))
			.collect(Collectors.joining(","));
	}

	private static void applySaslCredentials(KafkaSettings settings, Map<String, String> properties) {
		String username = settings.get("sasl.username");
		String password = settings.get("sasl.password");
		String mechanism = properties.get(SaslConfigs.SASL_MECHANISM);
		if (username == null && password == null) {
			if (mechanism != null && CREDENTIAL_MECHANISMS.contains(mechanism)
					&& !properties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
				String origin = (settings.get("sasl.mechanisms") != null) ? settings.origin("sasl.mechanisms")
						: settings.origin("sasl.mechanism");
				throw new InvalidSettingException(origin,
						"SASL mechanism " + mechanism + " needs credentials, and none are given",
						"Set 'sasl.username' and 'sasl.password' next to it (or a full 'sasl.jaas.config').");
			}
			return;
		}
		if (username == null || password == null) {
			String missing = (username == null) ? "sasl.username" : "sasl.password";
			throw new InvalidSettingException(settings.origin((username == null) ? "sasl.password" : "sasl.username"),
					"'" + missing + "' is missing", "Set both 'sasl.username' and 'sasl.password'.");
		}
		if (mechanism == null || !CREDENTIAL_MECHANISMS.contains(mechanism)) {
			throw new InvalidSettingException(settings.origin("sasl.username"),
					"a username and password need the SASL mechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"
							+ ((mechanism != null) ? ", not " + mechanism : ", and none is set"),
					"Set 'sasl.mechanisms' to the mechanism your cluster uses (AWS MSK: SCRAM-SHA-512).");
		}
		String loginModule = mechanism.equals("PLAIN") ? PlainLoginModule.class.getName()
				: ScramLoginModule.class.getName();
		properties.put(SaslConfigs.SASL_JAAS_CONFIG, loginModule + " required username=\"" + jaasQuoted(username)
				+ "\" password=\"" + jaasQuoted(password) + "\";");
	}

	private static boolean isOidc(KafkaSettings settings) {
		String method = settings.get(OAUTHBEARER_METHOD);
		if (method == null || method.equalsIgnoreCase("default")) {
			return false;
		}
		if (!method.equalsIgnoreCase("oidc")) {
			throw new InvalidSettingException(settings.origin(OAUTHBEARER_METHOD),
					"'" + method + "' is not an OAUTHBEARER method",
					"Use 'oidc' for the Kafka client's OIDC login, or 'default' (or leave it out) to take the tokens "
							+ "from an OAuthTokenProvider bean.");
		}
		return true;
	}

	private static void applyOidc(KafkaSettings settings, Map<String, String> properties) {
		String origin = settings.origin(OAUTHBEARER_METHOD);
		String mechanism = properties.putIfAbsent(SaslConfigs.SASL_MECHANISM,
				OAuthBearerLoginModule.OAUTHBEARER_MECHANISM);
		if (mechanism != null && !mechanism.equals(OAuthBearerLoginModule.OAUTHBEARER_MECHANISM)) {
			throw new InvalidSettingException(origin,
					"OIDC login needs the SASL mechanism OAUTHBEARER, not " + mechanism,
					"Set 'sasl.mechanisms' to OAUTHBEARER.");
		}
		String clientId = requiredOidcSetting(settings, "sasl.oauthbearer.client.id");
		String clientSecret = requiredOidcSetting(settings, "sasl.oauthbearer.client.secret");
		requiredOidcSetting(settings, SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL);
		properties.putIfAbsent(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS,
				OAuthBearerLoginCallbackHandler.class.getName());
		if (!properties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
			StringBuilder jaasConfig = new StringBuilder(OAuthBearerLoginModule.class.getName()).append(" required")
				.append(jaasOption(OAuthBearerLoginCallbackHandler.CLIENT_ID_CONFIG, clientId))
				.append(jaasOption(OAuthBearerLoginCallbackHandler.CLIENT_SECRET_CONFIG, clientSecret));
			String scope = settings.get("sasl.oauthbearer.scope");
			if (scope != null) {
				jaasConfig.append(jaasOption(OAuthBearerLoginCallbackHandler.SCOPE_CONFIG, scope));
			}
			String extensions = settings.get("sasl.oauthbearer.extensions");
			if (extensions != null) {
				jaasConfig.append(jaasExtensions(extensions, settings.origin("sasl.oauthbearer.extensions")));
			}
			properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig.append(';').toString());
		}
	}

	private static String requiredOidcSetting(KafkaSettings settings, String key) {
		String value = settings.get(key);
		if (value == null || value.isEmpty()) {
			throw new InvalidSettingException(settings.origin(OAUTHBEARER_METHOD),
					"OIDC login needs '" + key + "', and it is not given",
					"Set 'sasl.oauthbearer.token.endpoint.url', 'sasl.oauthbearer.client.id' and "
							+ "'sasl.oauthbearer.client.secret' next to 'sasl.oauthbearer.method'.");
		}
		return value;
	}

	private static String jaasExtensions(String extensions, String origin) {
		StringBuilder options = new StringBuilder();
		for (String extension : extensions.split(",")) {
			int separator = extension.indexOf('=');
			if (separator < 1) {
				throw new InvalidSettingException(origin, "extension '" + extension.trim() + "' is not key=value",
						"Write the extensions as comma-separated key=value pairs.");
			}
			options.append(jaasOption("extension_" + extension.substring(0, separator).trim(),
					extension.substring(separator + 1).trim()));
		}
		return options.toString();
	}

	private static String jaasOption(String name, String value) {
		return " " + name + "=\"" + jaasQuoted(value) + "\"";
	}

	private static String jaasQuoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
