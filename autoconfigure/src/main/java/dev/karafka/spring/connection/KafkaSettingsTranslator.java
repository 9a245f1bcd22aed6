package dev.karafka.spring.connection;

import java.util.ArrayList;
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
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.oauthbearer.JwtBearerJwtRetriever;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.function.SingletonSupplier;

/**
 * Translates Kafka client settings written with Java client or librdkafka names (as in
 * Karafka's {@code config.kafka}) to Java client properties, following librdkafka's
 * {@code CONFIGURATION.md}: every librdkafka property is translated to its Java client
 * equivalent, passed to the clients that know it, or left out and reported by
 * {@link ClientSettings#ignoredSettings()}; a setting neither knows is passed as it is
 * (it may be a serializer's or interceptor's) and reported by
 * {@link ClientSettings#unknownSettings()}. Values are checked against the Java clients'
 * own {@link ConfigDef}s (class names excepted: they are loaded by the clients), so that
 * a bad value is reported here, naming its setting, rather than by the first client that
 * is created. Settings that cannot be honoured fail with an
 * {@link InvalidSettingException} whose message holds no secret.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class KafkaSettingsTranslator {

	private static final Pattern SERVER_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+._-]*)://(.*)$");

	private static final Map<String, String> SCHEME_PROTOCOLS = Map.of("kafka+ssl", "SSL", "ssl", "SSL", "kafka",
			"PLAINTEXT", "plaintext", "PLAINTEXT", "sasl_ssl", "SASL_SSL", "sasl_plaintext", "SASL_PLAINTEXT");

	private static final Pattern SERVER = Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]/]+)(?::(\\d{1,5}))?$");

	private static final int DEFAULT_PORT = 9092;

	private static final Pattern GROUPED_NUMBER = Pattern.compile("^[+-]?\\d+(_\\d+)+$");

	private static final Set<ConfigDef.Type> NUMBER_TYPES = Set.of(ConfigDef.Type.SHORT, ConfigDef.Type.INT,
			ConfigDef.Type.LONG, ConfigDef.Type.DOUBLE);

	private static final Pattern POSITIVE_MILLIS = Pattern.compile("^0*[1-9]\\d{0,17}$");

	private static final String OAUTHBEARER_METHOD = "sasl.oauthbearer.method";

	private static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private static final Set<String> OIDC_SETTINGS = Set.of(OAUTHBEARER_METHOD, "sasl.oauthbearer.client.id",
			"sasl.oauthbearer.client.secret", "sasl.oauthbearer.scope", "sasl.oauthbearer.extensions");

	private static final Set<String> CREDENTIAL_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

	private static final Map<String, String> RENAMED = Map.ofEntries(
			Map.entry("request.required.acks", ProducerConfig.ACKS_CONFIG),
			Map.entry("queue.buffering.max.ms", ProducerConfig.LINGER_MS_CONFIG),
			Map.entry("message.send.max.retries", ProducerConfig.RETRIES_CONFIG),
			Map.entry("message.max.bytes", ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
			Map.entry("max.in.flight", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION),
			Map.entry("fetch.wait.max.ms", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
			Map.entry("fetch.message.max.bytes", ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
			Map.entry("topic.metadata.refresh.interval.ms", CommonClientConfigs.METADATA_MAX_AGE_CONFIG),
			Map.entry("auto.commit.enable", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG),
			Map.entry("sasl.oauthbearer.assertion.jwt.template.file",
					SaslConfigs.SASL_OAUTHBEARER_ASSERTION_TEMPLATE_FILE));

	private static final Map<String, String> OS_DEFAULT_WHEN_ZERO = Map.of("socket.send.buffer.bytes",
			CommonClientConfigs.SEND_BUFFER_CONFIG, "socket.receive.buffer.bytes",
			CommonClientConfigs.RECEIVE_BUFFER_CONFIG, "connections.max.idle.ms",
			CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG);

	private static final Map<String, String> ASSIGNORS = Map.of("range", RangeAssignor.class.getName(), "roundrobin",
			RoundRobinAssignor.class.getName(), "cooperative-sticky", CooperativeStickyAssignor.class.getName());

	private static final Map<String, String> OFFSET_RESETS = Map.of("smallest", "earliest", "earliest", "earliest",
			"beginning", "earliest", "largest", "latest", "latest", "latest", "end", "latest", "error", "none", "none",
			"none");

	/**
	 * Java client settings that the starter gives a default of its own, with where that
	 * default comes from.
	 */
	private static final Map<String, String> STARTER_DEFAULTS = Map.of("auto.offset.reset",
			"the starter's default, karafka.initial-offset (earliest unless set)");

	/**
	 * librdkafka values of Java client settings that the translation accepts too.
	 */
	private static final Map<String, String> LIBRDKAFKA_VALUES = Map.of("auto.offset.reset",
			"smallest, beginning, largest, end, error");

	/**
	 * librdkafka settings whose value, when it is the given one, is what the Java client
	 * does anyway: nothing to pass, nothing to warn about.
	 */
	private static final Map<String, Set<String>> JAVA_BEHAVIOUR = Map.of("broker.address.family", Set.of("any"),
			"partitioner", Set.of("murmur2_random", "murmur2"), "offset.store.method", Set.of("broker"),
			"compression.codec", Set.of("inherit"), "compression.type", Set.of("inherit"),
			"sasl.oauthbearer.grant.type", Set.of("client_credentials"));

	private static final Set<String> LIBRDKAFKA_ONLY = Set.of("builtin.features", "message.copy.max.bytes",
			"receive.message.max.bytes", "topic.metadata.refresh.fast.interval.ms", "topic.metadata.refresh.fast.cnt",
			"topic.metadata.refresh.sparse", "topic.metadata.propagation.max.ms", "topic.blacklist", "debug",
			"socket.timeout.ms", "socket.blocking.max.ms", "socket.keepalive.enable", "socket.nagle.disable",
			"socket.max.fails", "broker.address.ttl", "broker.address.family", "reconnect.backoff.jitter.ms",
			"statistics.interval.ms", "enabled_events", "error_cb", "throttle_cb", "stats_cb", "log_cb", "log_level",
			"log.queue", "log.thread.name", "enable.random.seed", "log.connection.close", "background_event_cb",
			"socket_cb", "connect_cb", "closesocket_cb", "open_cb", "resolve_cb", "opaque", "default_topic_conf",
			"internal.termination.signal", "api.version.request", "api.version.request.timeout.ms",
			"api.version.fallback.ms", "broker.version.fallback", "ssl.curves.list", "ssl.sigalgs.list", "ssl_key",
			"ssl_certificate", "ssl_ca", "https.ca.location", "https.ca.pem", "ssl.ca.certificate.stores",
			"ssl.crl.location", "ssl.providers", "ssl.engine.location", "ssl.engine.id", "ssl_engine_callback_data",
			"open_ssl_engine_callback_data", "ssl.certificate.verify_cb", "sasl.kerberos.principal",
			"sasl.kerberos.kinit.cmd", "sasl.kerberos.keytab", "sasl.oauthbearer.config",
			"enable.sasl.oauthbearer.unsecure.jwt", "oauthbearer_token_refresh_cb",
			"sasl.oauthbearer.assertion.private.key.pem", "sasl.oauthbearer.metadata.authentication.type",
			"plugin.library.paths", "interceptors", "group.protocol.type", "coordinator.query.interval.ms",
			"queued.min.messages", "queued.max.messages.kbytes", "fetch.queue.backoff.ms", "fetch.error.backoff.ms",
			"offset.store.method", "consume_cb", "rebalance_cb", "offset_commit_cb", "enable.partition.eof",
			"enable.gapless.guarantee", "queue.buffering.max.messages", "queue.buffering.backpressure.threshold",
			"batch.num.messages", "delivery.report.only.error", "dr_cb", "dr_msg_cb", "sticky.partitioning.linger.ms",
			"queuing.strategy", "produce.offset.report", "partitioner", "partitioner_cb", "msg_order_cmp",
			"offset.store.path", "offset.store.sync.interval.ms", "consume.callback.max.messages",
			"client.software.name", "client.software.version", "retry.backoff.max.ms.jitter", "check.crcs.native",
			"enable.metrics.push.native");

	/**
	 * librdkafka settings the translator handles itself, for suggestions.
	 */
	private static final Set<String> TRANSLATED = Set.of("metadata.broker.list", "sasl.mechanisms", "sasl.username",
			"sasl.password", "ssl.ca.location", "ssl.ca.pem", "ssl.certificate.location", "ssl.certificate.pem",
			"ssl.key.location", "ssl.key.pem", "enable.ssl.certificate.verification", "message.timeout.ms",
			"queue.buffering.max.kbytes", "compression.codec", "compression.level", "enable.auto.offset.store",
			"sasl.oauthbearer.grant.type");

	private static final int MAX_SUGGESTION_DISTANCE = 2;

	/**
	 * The settings any client or librdkafka knows, read only to suggest a name for an
	 * unknown one.
	 */
	private static final SingletonSupplier<Set<String>> KNOWN = SingletonSupplier
		.of(KafkaSettingsTranslator::knownSettings);

	private KafkaSettingsTranslator() {
	}

	/**
	 * Translate the given settings.
	 * @param settings the settings, with Java client or librdkafka names
	 * @return the Java client settings
	 * @throws InvalidSettingException if a setting cannot be honoured
	 */
	public static ClientSettings translate(KafkaSettings settings) {
		return new Translation(settings).translate();
	}

	/**
	 * Translate the given settings, and for each kind of client that has its own
	 * settings, the given settings with the client's own applied over them.
	 * @param settings the settings of every client, with Java client or librdkafka names
	 * @param clientSettings the settings of one kind of client only (such as
	 * {@code karafka.consumer.kafka})
	 * @return the Java client settings
	 * @throws InvalidSettingException if a setting cannot be honoured
	 */
	public static ClientSettings translate(KafkaSettings settings, Map<ClientType, KafkaSettings> clientSettings) {
		ClientSettings translated = translate(settings);
		clientSettings.forEach((clientType, own) -> {
			if (!own.keys().isEmpty()) {
				translated.withClient(clientType, translate(settings.copy().addAll(own)));
			}
		});
		return translated;
	}

	private static final class Translation {

		private final KafkaSettings settings;

		private final Map<String, String> properties = new LinkedHashMap<>();

		private final Map<String, String> origins = new LinkedHashMap<>();

		private final Set<String> ignored = new LinkedHashSet<>();

		private final Map<String, @Nullable String> unknown = new LinkedHashMap<>();

		private final PemSslMaterial sslMaterial = new PemSslMaterial();

		private @Nullable String schemeProtocol;

		private @Nullable String schemeOrigin;

		private @Nullable String compressionLevel;

		Translation(KafkaSettings settings) {
			this.settings = settings;
		}

		ClientSettings translate() {
			boolean oidc = isOidc(this.settings);
			List<InvalidSettingException> failures = new ArrayList<>();
			for (String key : this.settings.keys()) {
				String value = this.settings.get(key);
				if (value != null && !(oidc && OIDC_SETTINGS.contains(key))) {
					try {
						translate(key, value, this.settings.origin(key));
					}
					catch (InvalidSettingException ex) {
						failures.add(ex);
					}
				}
			}
			InvalidSettingException.throwAll(failures);
			applySchemeProtocol();
			applyCompressionLevel();
			applyKeyStores();
			applySaslCredentials();
			if (oidc) {
				applyOidc();
			}
			SslBundle sslBundle = this.sslMaterial.toSslBundle();
			return new ClientSettings(this.properties, this.origins, sslBundle,
					(sslBundle != null) ? this.sslMaterial.origin() : null, this.ignored,
					this.sslMaterial.normalizedSettings(), this.unknown);
		}

		private void translate(String key, String value, String origin) {
			Set<String> javaBehaviour = JAVA_BEHAVIOUR.get(key);
			if (javaBehaviour != null && javaBehaviour.contains(value.toLowerCase(Locale.ROOT))) {
				return;
			}
			switch (key) {
				case "bootstrap.servers", "metadata.broker.list" -> bootstrapServers(value, origin);
				case "security.protocol" -> put(key, securityProtocol(value, origin), origin);
				case "sasl.mechanism", "sasl.mechanisms" ->
					put(SaslConfigs.SASL_MECHANISM, value.toUpperCase(Locale.ROOT), origin);
				case "sasl.username", "sasl.password", OAUTHBEARER_METHOD -> {
				}
				case "sasl.oauthbearer.client.id", "sasl.oauthbearer.client.secret", "sasl.oauthbearer.extensions" ->
					this.ignored.add(key);
				case "ssl.ca.location" -> this.sslMaterial.trustedCertificatesFile(value, origin);
				case "ssl.ca.pem" -> this.sslMaterial.trustedCertificates(value, origin);
				case "ssl.certificate.location" -> this.sslMaterial.certificateFile(value, origin);
				case "ssl.certificate.pem" -> this.sslMaterial.certificate(value, origin);
				case "ssl.key.location" -> this.sslMaterial.privateKeyFile(value, origin);
				case "ssl.key.pem" -> this.sslMaterial.privateKey(value, origin);
				case "ssl.key.password" -> this.sslMaterial.privateKeyPassword(value, origin);
				case "ssl.endpoint.identification.algorithm" ->
					put(key, endpointIdentificationAlgorithm(value, origin), origin);
				case "enable.ssl.certificate.verification" -> checkCertificateVerification(value, origin);
				case "ssl.cipher.suites" -> cipherSuites(key, value, origin);
				case "partition.assignment.strategy" -> put(key, assignors(value), origin);
				case "auto.offset.reset" -> put(key, autoOffsetReset(value), origin);
				case "socket.send.buffer.bytes", "socket.receive.buffer.bytes", "connections.max.idle.ms" ->
					put(OS_DEFAULT_WHEN_ZERO.get(key), "0".equals(number(value)) ? "-1" : value, origin);
				case "message.timeout.ms", "delivery.timeout.ms" -> put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
						"0".equals(number(value)) ? String.valueOf(Integer.MAX_VALUE) : value, origin);
				case "queue.buffering.max.kbytes" ->
					put(ProducerConfig.BUFFER_MEMORY_CONFIG, kilobytes(value, origin), origin);
				case "compression.codec", "compression.type" ->
					put(ProducerConfig.COMPRESSION_TYPE_CONFIG, value.toLowerCase(Locale.ROOT), origin);
				case "compression.level" -> this.compressionLevel = value;
				case "sasl.oauthbearer.grant.type" -> grantType(value, origin);
				case "enable.auto.commit" -> put(key, autoCommit(value, origin), origin);
				case "enable.auto.offset.store" -> checkAutoOffsetStore(value, origin);
				case "auto.commit.interval.ms" -> put(key, autoCommitInterval(value, origin), origin);
				default -> {
					if (LIBRDKAFKA_ONLY.contains(key)) {
						this.ignored.add(key);
					}
					else {
						String property = RENAMED.getOrDefault(key, key);
						if (!ClientType.anyKnows(property)) {
							this.unknown.put(origin,
									SettingNames.closest(key, KNOWN.obtain(), MAX_SUGGESTION_DISTANCE));
						}
						put(property, value, origin);
					}
				}
			}
		}

		private void put(String key, String value, String origin) {
			String checked = value;
			for (ClientType clientType : ClientType.values()) {
				ConfigKey configKey = clientType.configKey(key);
				if (configKey != null && configKey.type != ConfigDef.Type.CLASS) {
					checked = checked(key, value, configKey, origin);
				}
			}
			this.properties.put(key, checked);
			this.origins.put(key, origin);
		}

		private static String checked(String key, String value, ConfigKey configKey, String origin) {
			String given = (NUMBER_TYPES.contains(configKey.type)) ? number(value) : value;
			try {
				Object parsed = ConfigDef.parseType(key, given, configKey.type);
				if (configKey.validator != null) {
					configKey.validator.ensureValid(key, parsed);
				}
				return given;
			}
			catch (ConfigException ex) {
				boolean secret = configKey.type == ConfigDef.Type.PASSWORD || SecretSettings.isSecret(key);
				String shown = secret ? "its value" : "'" + SecretSettings.withoutUserInfo(value) + "'";
				String name = origin.endsWith(key) ? "" : " as the Java client's '" + key + "'";
				String librdkafkaValues = LIBRDKAFKA_VALUES.get(key);
				throw new InvalidSettingException(origin,
						shown + " is not valid" + name + ": " + reason(ex, key, value, secret),
						"Give " + typeDescription(configKey.type)
								+ ((configKey.validator != null) ? " in " + configKey.validator : "")
								+ ((librdkafkaValues != null) ? " (or librdkafka's " + librdkafkaValues + ")" : "")
								+ ", or remove the setting to keep " + defaultDescription(key, configKey) + ".");
			}
		}

		private static String defaultDescription(String key, ConfigKey configKey) {
			String starterDefault = STARTER_DEFAULTS.get(key);
			if (starterDefault != null) {
				return starterDefault;
			}
			return "the Java client's default ("
					+ ((configKey.type == ConfigDef.Type.PASSWORD) ? "none" : String.valueOf(configKey.defaultValue))
					+ ")";
		}

		private static String typeDescription(ConfigDef.Type type) {
			return switch (type) {
				case BOOLEAN -> "true or false";
				case SHORT, INT, LONG -> "a whole number";
				case DOUBLE -> "a number";
				case LIST -> "a comma-separated list";
				case CLASS -> "a class name";
				default -> "a value";
			};
		}

		private static String reason(ConfigException ex, String key, String value, boolean secret) {
			String message = String.valueOf(ex.getMessage());
			int start = message.indexOf("for configuration " + key + ": ");
			String reason = (start >= 0) ? message.substring(start + key.length() + 20) : message;
			return secret ? reason.replace(value, "******") : reason;
		}

		private void bootstrapServers(String value, String origin) {
			List<String> entries = Arrays.stream(value.split(","))
				.map(String::trim)
				.filter((server) -> !server.isEmpty())
				.toList();
			if (entries.isEmpty()) {
				throw new InvalidSettingException(origin, "no bootstrap server is given",
						"Give one or more brokers as host:port, separated by commas.");
			}
			Map<String, String> protocols = new LinkedHashMap<>();
			List<String> servers = new ArrayList<>();
			for (int i = 0; i < entries.size(); i++) {
				String entry = entries.get(i);
				if (entry.contains("@")) {
					throw new InvalidSettingException(origin,
							"bootstrap server " + (i + 1) + " holds user information (user:password@ before the host), "
									+ "which Kafka clients never send",
							"Remove it from the server list, and give the credentials in 'sasl.username' and "
									+ "'sasl.password'.");
				}
				String address = entry;
				Matcher scheme = SERVER_SCHEME.matcher(entry);
				if (scheme.matches()) {
					String name = scheme.group(1).toLowerCase(Locale.ROOT);
					String protocol = SCHEME_PROTOCOLS.get(name);
					if (protocol == null) {
						throw new InvalidSettingException(origin,
								"bootstrap server '" + entry + "' has an unknown scheme '" + scheme.group(1) + "'",
								"Write it as host:port, or with one of the schemes kafka+ssl://, ssl://, sasl_ssl://, "
										+ "sasl_plaintext://, plaintext:// or kafka://, which select the "
										+ "security protocol.");
					}
					protocols.putIfAbsent(protocol, name);
					address = scheme.group(2);
				}
				servers.add(bootstrapServer(entry, address, origin));
			}
			if (protocols.size() > 1) {
				throw new InvalidSettingException(origin, "it mixes schemes of different security protocols ("
						+ protocols.values().stream().map((name) -> name + "://").collect(Collectors.joining(", "))
						+ ")", "Use one scheme for every broker, or none and set 'security.protocol'.");
			}
			this.schemeProtocol = protocols.isEmpty() ? null : protocols.keySet().iterator().next();
			this.schemeOrigin = protocols.isEmpty() ? null : origin;
			put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", servers), origin);
		}

		private static String bootstrapServer(String entry, String address, String origin) {
			Matcher matcher = SERVER.matcher(address);
			if (!matcher.matches()) {
				throw new InvalidSettingException(origin, "bootstrap server '" + entry + "' is not host:port",
						"Write each broker as host:port, for example broker1.example.com:9092 "
								+ "(AWS MSK uses 9096 for SASL/SCRAM and 9094 for TLS).");
			}
			String host = matcher.group(1);
			String refused = host.startsWith("[") ? "" : host.replaceAll("[0-9A-Za-z._%-]", "");
			if (!refused.isEmpty()) {
				throw new InvalidSettingException(origin,
						"the host of bootstrap server '" + entry + "' has characters the Kafka client refuses: "
								+ refused.codePoints()
									.distinct()
									.mapToObj((point) -> "'" + Character.toString(point) + "' (U+"
											+ String.format("%04X", point) + ")")
									.collect(Collectors.joining(", ")),
						"Write the host with ASCII letters, digits, '.', '-' and '_' only (a look-alike letter from "
								+ "another alphabet is a common cause); write an internationalized domain name in "
								+ "its ASCII form (xn--...).");
			}
			if (matcher.group(2) == null) {
				return address + ":" + DEFAULT_PORT;
			}
			int port = Integer.parseInt(matcher.group(2));
			if (port < 1 || port > 65535) {
				throw new InvalidSettingException(origin, "bootstrap server '" + entry + "' has no valid port",
						"Give a port between 1 and 65535, for example broker1.example.com:9092.");
			}
			return address;
		}

		private void applySchemeProtocol() {
			if (this.schemeProtocol == null || this.schemeOrigin == null) {
				return;
			}
			String protocol = this.properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
			if (protocol == null) {
				put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, this.schemeProtocol, this.schemeOrigin);
			}
			else if (!protocol.equals(this.schemeProtocol)) {
				String protocolOrigin = this.origins.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
				throw new InvalidSettingException(this.schemeOrigin,
						"its scheme selects the security protocol " + this.schemeProtocol + ", but '" + protocolOrigin
								+ "' is " + protocol,
						"Make them agree: remove the scheme from the bootstrap servers, or set '" + protocolOrigin
								+ "' to " + this.schemeProtocol + ".");
			}
		}

		private void applyCompressionLevel() {
			String level = this.compressionLevel;
			if (level == null || "-1".equals(level.trim())) {
				return;
			}
			String origin = this.settings.origin("compression.level");
			String type = this.properties.get(ProducerConfig.COMPRESSION_TYPE_CONFIG);
			if (type == null || !Set.of("gzip", "lz4", "zstd").contains(type)) {
				this.ignored.add("compression.level");
				return;
			}
			put("compression." + type + ".level", level, origin);
		}

		private void applyKeyStores() {
			String keyPassword = this.sslMaterial.unusedPrivateKeyPassword();
			if (this.sslMaterial.hasPemMaterial()) {
				refuseWithoutStore(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG,
						SslConfigs.SSL_KEYSTORE_TYPE_CONFIG);
				refuseWithoutStore(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
						SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
				String keyStoreOrigin = this.origins.get(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
				String keyStore = remove(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
				String keyStoreType = remove(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG);
				String keyStorePassword = remove(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
				if (keyStore != null && keyStoreOrigin != null) {
					this.sslMaterial.keyStore(keyStore, keyStoreType, keyStorePassword, keyPassword, keyStoreOrigin);
					keyPassword = null;
				}
				String trustStoreOrigin = this.origins.get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
				String trustStore = remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
				String trustStoreType = remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
				String trustStorePassword = remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
				if (trustStore != null && trustStoreOrigin != null) {
					this.sslMaterial.trustStore(trustStore, trustStoreType, trustStorePassword, trustStoreOrigin);
				}
			}
			if (keyPassword != null) {
				put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword, this.settings.origin("ssl.key.password"));
			}
		}

		/**
		 * Refuse a store's password or type given without its location next to PEM
		 * material, which replaces the stores: it would belong to no store.
		 */
		private void refuseWithoutStore(String location, String... storeSettings) {
			if (this.properties.containsKey(location)) {
				return;
			}
			for (String setting : storeSettings) {
				String origin = this.origins.get(setting);
				if (origin != null) {
					throw new InvalidSettingException(origin,
							"it is given without '" + location + "', next to PEM certificates or keys "
									+ "('ssl.*.pem' settings or Heroku's KAFKA_* certificates): it belongs to no "
									+ "store and would be ignored",
							"Remove it: PEM material needs no store settings, and an encrypted PEM key takes its "
									+ "password in 'ssl.key.password'. Or give '" + location + "' too.");
				}
			}
		}

		private @Nullable String remove(String property) {
			this.origins.remove(property);
			return this.properties.remove(property);
		}

		private void cipherSuites(String key, String value, String origin) {
			boolean javaNames = Arrays.stream(value.split(","))
				.map(String::trim)
				.allMatch((suite) -> suite.startsWith("TLS_") || suite.startsWith("SSL_"));
			if (javaNames) {
				put(key, value, origin);
			}
			else {
				this.ignored.add(key);
			}
		}

		private void grantType(String value, String origin) {
			if (!JWT_BEARER_GRANT.equals(value)) {
				throw new InvalidSettingException(origin, "'" + value + "' is not an OAuth grant type",
						"Use 'client_credentials' (the default) or '" + JWT_BEARER_GRANT + "'.");
			}
			put(SaslConfigs.SASL_OAUTHBEARER_JWT_RETRIEVER_CLASS, JwtBearerJwtRetriever.class.getName(), origin);
		}

		private static String kilobytes(String value, String origin) {
			try {
				return String.valueOf(Math.multiplyExact(Long.parseLong(number(value)), 1024L));
			}
			catch (NumberFormatException | ArithmeticException ex) {
				throw new InvalidSettingException(origin, "'" + value + "' is not a number of kilobytes",
						"Give a whole number of kilobytes, such as 1048576 (1 GiB).");
			}
		}

		/**
		 * Return a note naming an unknown setting whose closest known name is the given
		 * one, or an empty string.
		 */
		private String misspellingOf(String setting) {
			return this.unknown.entrySet()
				.stream()
				.filter((unknown) -> setting.equals(unknown.getValue()))
				.map((unknown) -> " ('" + unknown.getKey() + "' is given: a misspelling of '" + setting + "'?)")
				.findFirst()
				.orElse("");
		}

		private void applySaslCredentials() {
			String username = this.settings.get("sasl.username");
			String password = this.settings.get("sasl.password");
			String mechanism = this.properties.get(SaslConfigs.SASL_MECHANISM);
			if (username == null && password == null) {
				if (mechanism != null && CREDENTIAL_MECHANISMS.contains(mechanism)
						&& !this.properties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
					throw new InvalidSettingException(this.origins.get(SaslConfigs.SASL_MECHANISM),
							"SASL mechanism " + mechanism + " needs credentials, and none are given"
									+ misspellingOf("sasl.username") + misspellingOf("sasl.password"),
							"Set 'sasl.username' and 'sasl.password' next to it (or a full 'sasl.jaas.config').");
				}
				return;
			}
			if (this.properties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
				String credential = (username != null) ? "sasl.username" : "sasl.password";
				String jaasConfig = this.origins.get(SaslConfigs.SASL_JAAS_CONFIG);
				throw new InvalidSettingException(this.settings.origin(credential),
						"'" + this.settings.origin(credential) + "' and '" + jaasConfig
								+ "' both give the SASL login; the username and password would replace the JAAS "
								+ "configuration",
						"Keep one of them: remove '" + jaasConfig + "', or remove 'sasl.username' and "
								+ "'sasl.password'.");
			}
			if (username == null || password == null) {
				String missing = (username == null) ? "sasl.username" : "sasl.password";
				throw new InvalidSettingException(
						this.settings.origin((username == null) ? "sasl.password" : "sasl.username"),
						"'" + missing + "' is missing" + misspellingOf(missing),
						"Set both 'sasl.username' and 'sasl.password'.");
			}
			if (mechanism == null || !CREDENTIAL_MECHANISMS.contains(mechanism)) {
				throw new InvalidSettingException(this.settings.origin("sasl.username"),
						"a username and password need the SASL mechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"
								+ ((mechanism != null) ? ", not " + mechanism : ", and none is set"),
						"Set 'sasl.mechanisms' to the mechanism your cluster uses (AWS MSK: SCRAM-SHA-512).");
			}
			String loginModule = mechanism.equals("PLAIN") ? PlainLoginModule.class.getName()
					: ScramLoginModule.class.getName();
			put(SaslConfigs.SASL_JAAS_CONFIG, loginModule + " required username=\"" + jaasQuoted(username)
					+ "\" password=\"" + jaasQuoted(password) + "\";", this.settings.origin("sasl.password"));
		}

		private void applyOidc() {
			String origin = this.settings.origin(OAUTHBEARER_METHOD);
			String mechanism = this.properties.get(SaslConfigs.SASL_MECHANISM);
			if (mechanism == null) {
				put(SaslConfigs.SASL_MECHANISM, OAuthBearerLoginModule.OAUTHBEARER_MECHANISM, origin);
			}
			else if (!mechanism.equals(OAuthBearerLoginModule.OAUTHBEARER_MECHANISM)) {
				throw new InvalidSettingException(origin,
						"OIDC login needs the SASL mechanism OAUTHBEARER, not " + mechanism,
						"Set 'sasl.mechanisms' to OAUTHBEARER.");
			}
			String clientId = requiredOidcSetting(this.settings, "sasl.oauthbearer.client.id");
			String clientSecret = requiredOidcSetting(this.settings, "sasl.oauthbearer.client.secret");
			requiredOidcSetting(this.settings, SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL);
			if (!this.properties.containsKey(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS)) {
				put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, OAuthBearerLoginCallbackHandler.class.getName(),
						origin);
			}
			if (!this.properties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
				StringBuilder jaasConfig = new StringBuilder(OAuthBearerLoginModule.class.getName()).append(" required")
					.append(jaasOption(OAuthBearerLoginCallbackHandler.CLIENT_ID_CONFIG, clientId))
					.append(jaasOption(OAuthBearerLoginCallbackHandler.CLIENT_SECRET_CONFIG, clientSecret));
				String scope = this.settings.get("sasl.oauthbearer.scope");
				if (scope != null) {
					jaasConfig.append(jaasOption(OAuthBearerLoginCallbackHandler.SCOPE_CONFIG, scope));
				}
				String extensions = this.settings.get("sasl.oauthbearer.extensions");
				if (extensions != null) {
					jaasConfig.append(jaasExtensions(extensions, this.settings.origin("sasl.oauthbearer.extensions")));
				}
				put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig.append(';').toString(), origin);
			}
		}

	}

	private static Set<String> knownSettings() {
		Set<String> known = new LinkedHashSet<>(ClientType.allSettings());
		known.addAll(RENAMED.keySet());
		known.addAll(OS_DEFAULT_WHEN_ZERO.keySet());
		known.addAll(JAVA_BEHAVIOUR.keySet());
		known.addAll(LIBRDKAFKA_ONLY);
		known.addAll(OIDC_SETTINGS);
		known.addAll(TRANSLATED);
		return known;
	}

	private static String number(String value) {
		String trimmed = value.trim();
		return GROUPED_NUMBER.matcher(trimmed).matches() ? trimmed.replace("_", "") : trimmed;
	}

	private static String securityProtocol(String value, String origin) {
		String protocol = value.toUpperCase(Locale.ROOT);
		if (!SecurityProtocol.names().contains(protocol)) {
			throw new InvalidSettingException(origin, "'" + value + "' is not a security protocol",
					"Use one of " + String.join(", ", SecurityProtocol.names()) + " (in any letter case).");
		}
		return protocol;
	}

	private static String autoOffsetReset(String value) {
		return OFFSET_RESETS.getOrDefault(value.toLowerCase(Locale.ROOT), value);
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
		String interval = number(value);
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
