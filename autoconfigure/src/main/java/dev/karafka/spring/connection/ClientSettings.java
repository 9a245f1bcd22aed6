package dev.karafka.spring.connection;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * Kafka client settings in the Java client's terms, ready to be given to consumers,
 * producers and the admin client.
 *
 * @author karafka-spring
 * @since 0.1.0
 * @see KafkaSettingsTranslator
 */
public final class ClientSettings {

	private final Map<String, String> properties;

	private final @Nullable SslBundle sslBundle;

	private final Set<String> ignoredSettings;

	ClientSettings(Map<String, String> properties, @Nullable SslBundle sslBundle, Set<String> ignoredSettings) {
		this.properties = Collections.unmodifiableMap(properties);
		this.sslBundle = sslBundle;
		this.ignoredSettings = Collections.unmodifiableSet(ignoredSettings);
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
	 * Return the librdkafka settings that have no meaning for the Java client and were
	 * left out.
	 * @return the ignored setting names
	 */
	public Set<String> ignoredSettings() {
		return this.ignoredSettings;
	}

}
