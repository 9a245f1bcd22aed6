package dev.karafka.spring.connection;

import java.util.Set;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

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
	CONSUMER(ConsumerConfig.configNames()),

	/**
	 * Producers, as used by {@code KafkaTemplate}.
	 */
	PRODUCER(ProducerConfig.configNames()),

	/**
	 * The admin client, as used by {@code KafkaAdmin}.
	 */
	ADMIN(AdminClientConfig.configNames());

	private final Set<String> settingNames;

	ClientType(Set<String> settingNames) {
		this.settingNames = settingNames;
	}

	boolean knows(String setting) {
		return this.settingNames.contains(setting);
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
