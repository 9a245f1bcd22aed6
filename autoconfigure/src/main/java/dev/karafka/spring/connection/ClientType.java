package dev.karafka.spring.connection;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

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
	CONSUMER(ConsumerConfig::configDef),

	/**
	 * Producers, as used by {@code KafkaTemplate}.
	 */
	PRODUCER(ProducerConfig::configDef),

	/**
	 * The admin client, as used by {@code KafkaAdmin}.
	 */
	ADMIN(AdminClientConfig::configDef);

	/**
	 * The client's settings, read on first use: loading a client's configuration class
	 * costs tens of milliseconds of start-up, which an application without
	 * {@code karafka.kafka} settings need not pay before its first health answer.
	 */
	private final SingletonSupplier<Map<String, ConfigKey>> configKeys;

	ClientType(Supplier<ConfigDef> configDef) {
		this.configKeys = SingletonSupplier.of(() -> configDef.get().configKeys());
	}

	boolean knows(String setting) {
		return this.configKeys.obtain().containsKey(setting);
	}

	/**
	 * Return the Java client's definition of a setting.
	 * @param setting the Java client setting name
	 * @return the definition, or {@code null} if this kind of client does not know it
	 */
	@Nullable ConfigKey configKey(String setting) {
		return this.configKeys.obtain().get(setting);
	}

	List<String> passwordSettings() {
		return this.configKeys.obtain()
			.values()
			.stream()
			.filter((key) -> key.type == ConfigDef.Type.PASSWORD)
			.map((key) -> key.name)
			.toList();
	}

	static Set<String> allSettings() {
		Set<String> settings = new TreeSet<>();
		for (ClientType type : values()) {
			settings.addAll(type.configKeys.obtain().keySet());
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
