package dev.karafka.spring.streams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.ClientType;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka Streams settings from Java client settings, in the keys of Kafka's
 * {@code StreamsConfig}: settings every client knows (connection, security, SASL, SSL)
 * and settings no client knows keep their key, settings of consumers only or producers
 * only get the {@code consumer.} or {@code producer.} prefix, so that each reaches the
 * clients of a Kafka Streams application that know it. Kafka Streams derives the consumer
 * group and the transactional ids from its {@code application.id}, so those settings are
 * left out.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class StreamsSettings {

	private static final String CONSUMER_PREFIX = "consumer.";

	private static final String PRODUCER_PREFIX = "producer.";

	private static final Set<String> OWNED_BY_STREAMS = Set.of(ConsumerConfig.GROUP_ID_CONFIG,
			ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG);

	private StreamsSettings() {
	}

	/**
	 * Return the Kafka Streams settings for the given client settings: those of every
	 * client as by {@link #of(Map)}, then those given for consumers or producers only
	 * ({@code karafka.consumer.kafka}, {@code karafka.producer.kafka}) under the
	 * {@code consumer.} or {@code producer.} prefix.
	 * @param settings the client settings
	 * @return the Kafka Streams settings, by {@code StreamsConfig} key
	 */
	public static Map<String, String> of(ClientSettings settings) {
		Map<String, String> streams = of(settings.properties());
		addOwnSettings(streams, settings, ClientType.CONSUMER, CONSUMER_PREFIX);
		addOwnSettings(streams, settings, ClientType.PRODUCER, PRODUCER_PREFIX);
		return streams;
	}

	private static void addOwnSettings(Map<String, String> streams, ClientSettings settings, ClientType clientType,
			String prefix) {
		settings.forClient(clientType).properties().forEach((key, value) -> {
			if (!OWNED_BY_STREAMS.contains(key) && !value.equals(settings.properties().get(key))) {
				streams.put(prefix + key, value);
			}
		});
	}

	/**
	 * Return the Kafka Streams settings for the given Java client settings.
	 * @param clientSettings Java client settings, by Kafka setting name
	 * @return the Kafka Streams settings, by {@code StreamsConfig} key
	 */
	public static Map<String, String> of(Map<String, String> clientSettings) {
		Map<String, String> streams = new LinkedHashMap<>();
		clientSettings.forEach((key, value) -> {
			if (OWNED_BY_STREAMS.contains(key)) {
				return;
			}
			boolean consumer = ConsumerConfig.configNames().contains(key);
			boolean producer = ProducerConfig.configNames().contains(key);
			if (AdminClientConfig.configNames().contains(key) || (!consumer && !producer)) {
				streams.put(key, value);
				return;
			}
			if (consumer) {
				streams.put(CONSUMER_PREFIX + key, value);
			}
			if (producer) {
				streams.put(PRODUCER_PREFIX + key, value);
			}
		});
		return streams;
	}

}
