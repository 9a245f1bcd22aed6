package dev.karafka.spring.connection;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * Kafka client settings in the Java client's terms, ready to be given to consumers,
 * producers and the admin client. Settings given for one kind of client only (such as
 * {@code karafka.consumer.kafka}) are available through {@link #forClient(ClientType)}.
 *
 * @author karafka-spring
 * @since 0.1.0
 * @see KafkaSettingsTranslator
 */
public final class ClientSettings {

	private final Map<String, String> properties;

	private final Map<String, String> origins;

	private final @Nullable SslBundle sslBundle;

	private final @Nullable String sslOrigin;

	private final Set<String> ignoredSettings;

	private final Set<String> normalizedSettings;

	private final Map<String, @Nullable String> unknownSettings;

	private final Map<ClientType, ClientSettings> clients = new EnumMap<>(ClientType.class);

	ClientSettings(Map<String, String> properties, Map<String, String> origins, @Nullable SslBundle sslBundle,
			@Nullable String sslOrigin, Set<String> ignoredSettings, Set<String> normalizedSettings,
			Map<String, @Nullable String> unknownSettings) {
		this.properties = Collections.unmodifiableMap(properties);
		this.origins = Collections.unmodifiableMap(origins);
		this.sslBundle = sslBundle;
		this.sslOrigin = sslOrigin;
		this.ignoredSettings = Collections.unmodifiableSet(ignoredSettings);
		this.normalizedSettings = Collections.unmodifiableSet(normalizedSettings);
		this.unknownSettings = Collections.unmodifiableMap(unknownSettings);
	}

	ClientSettings withClient(ClientType clientType, ClientSettings settings) {
		this.clients.put(clientType, settings);
		return this;
	}

	/**
	 * Return the settings of one kind of client: these settings with those given for that
	 * kind of client only applied over them.
	 * @param clientType the kind of client
	 * @return the settings of that kind of client
	 */
	public ClientSettings forClient(ClientType clientType) {
		return this.clients.getOrDefault(clientType, this);
	}

	/**
	 * Return every Java client property.
	 * @return the properties
	 */
	public Map<String, String> properties() {
		return this.properties;
	}

	/**
	 * Return the properties meant for one kind of client: those the client knows, and
	 * those no Java client knows (settings of serializers or interceptors, for example).
	 * @param clientType the kind of client
	 * @return the properties
	 */
	public Map<String, String> propertiesFor(ClientType clientType) {
		Map<String, String> properties = new LinkedHashMap<>();
		this.properties.forEach((key, value) -> {
			if (clientType.knows(key) || !ClientType.anyKnows(key)) {
				properties.put(key, value);
			}
		});
		return properties;
	}

	/**
	 * Return the setting or environment variable a Java client property comes from.
	 * @param property the Java client property name
	 * @return the origin, or {@code null} if the property is not set
	 */
	public @Nullable String origin(String property) {
		return this.origins.get(property);
	}

	/**
	 * Return the bootstrap servers, if set.
	 * @return the bootstrap servers or {@code null}
	 */
	public @Nullable List<String> bootstrapServers() {
		String servers = this.properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
		return (servers != null) ? Arrays.asList(servers.split(",")) : null;
	}

	/**
	 * Return the security protocol, if set.
	 * @return the security protocol or {@code null}
	 */
	public @Nullable String securityProtocol() {
		return this.properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
	}

	/**
	 * Return the SSL bundle built from PEM certificates and keys, if any were given.
	 * @return the SSL bundle or {@code null}
	 */
	public @Nullable SslBundle sslBundle() {
		return this.sslBundle;
	}

	/**
	 * Return the setting or environment variable of the first certificate or key of the
	 * {@link #sslBundle() SSL bundle}.
	 * @return the origin, or {@code null} without an SSL bundle
	 */
	public @Nullable String sslOrigin() {
		return this.sslOrigin;
	}

	/**
	 * Return the librdkafka settings that have no meaning for the Java client and were
	 * left out, of every kind of client.
	 * @return the ignored setting names
	 */
	public Set<String> ignoredSettings() {
		Set<String> ignored = new LinkedHashSet<>(this.ignoredSettings);
		this.clients.values().forEach((client) -> ignored.addAll(client.ignoredSettings));
		return ignored;
	}

	/**
	 * Return the settings that neither the Java clients nor librdkafka know, of every
	 * kind of client: passed to the clients as they are, since serializers, interceptors
	 * and other plugins read their own settings from the client configuration.
	 * @return the origins of the unknown settings, each with the known setting it
	 * probably means or {@code null}
	 */
	public Map<String, @Nullable String> unknownSettings() {
		Map<String, @Nullable String> unknown = new LinkedHashMap<>(this.unknownSettings);
		this.clients.values().forEach((client) -> unknown.putAll(client.unknownSettings));
		return unknown;
	}

	/**
	 * Return the settings or environment variables whose PEM text had its line breaks
	 * written as a literal {@code \n}, and was read with real line breaks.
	 * @return the origins of the normalized PEM values
	 */
	public Set<String> normalizedSettings() {
		Set<String> normalized = new LinkedHashSet<>(this.normalizedSettings);
		this.clients.values().forEach((client) -> normalized.addAll(client.normalizedSettings));
		return normalized;
	}

}
