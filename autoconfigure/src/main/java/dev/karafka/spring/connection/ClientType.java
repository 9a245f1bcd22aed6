package dev.karafka.spring.connection;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of Kafka client a setting may be meant for.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public enum ClientType {

	/**
	 * Consumers, as used by listener containers.
	 */
	CONSUMER(ConsumerConfig.configDef()),

	/**
	 * Producers, as used by {@code KafkaTemplate}.
	 */
	PRODUCER(ProducerConfig.configDef()),

	/**
	 * The admin client, as used by {@code KafkaAdmin}.
	 */
	ADMIN(AdminClientConfig.configDef());

	private final Map<String, ConfigKey> configKeys;

	ClientType(ConfigDef configDef) {
		this.configKeys = configDef.configKeys();
	}

	boolean knows(String setting) {
		return this.configKeys.containsKey(setting);
	}

	/**
	 * Return the Java client's definition of a setting.
	 * @param setting the Java client setting name
	 * @return the definition, or {@code null} if this kind of client does not know it
	 */
	@Nullable ConfigKey configKey(String setting) {
		return this.configKeys.get(setting);
	}

	List<String> passwordSettings() {
		return this.configKeys.values()
			.stream()
			.filter((key) -> key.type == ConfigDef.Type.PASSWORD)
			.map((key) -> key.name)
			.toList();
	}

	static Set<String> allSettings() {
		Set<String> settings = new TreeSet<>();
		for (ClientType type : values()) {
			settings.addAll(type.configKeys.keySet());
		}
		return settings;
	}

	static boolean anyKnows(String setting) {
		for (ClientType type : values()) {
			if (type.knows(setting)) {
				return true;
			}
		}
		return false;
	}

}
