package dev.karafka.spring.devbroker;

import java.util.List;

import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

/**
 * {@link KafkaConnectionDetails} that point every Kafka client at the development broker:
 * the one this application started, or the one of the running application that a one-off
 * command connects to.
 */
class DevBrokerKafkaConnectionDetails implements KafkaConnectionDetails {

	private final String bootstrapServers;

	DevBrokerKafkaConnectionDetails(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	@Override
	public List<String> getBootstrapServers() {
		return List.of(this.bootstrapServers);
	}

	@Override
	public String getSecurityProtocol() {
		return Listener.PLAINTEXT.name();
	}

}
