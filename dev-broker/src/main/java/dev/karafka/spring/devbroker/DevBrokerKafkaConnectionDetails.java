package dev.karafka.spring.devbroker;

import java.util.List;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

/**
 * {@link KafkaConnectionDetails} that point every Kafka client at the development broker.
 */
class DevBrokerKafkaConnectionDetails implements KafkaConnectionDetails {

	private final KafkaTestBroker broker;

	DevBrokerKafkaConnectionDetails(KafkaTestBroker broker) {
		this.broker = broker;
	}

	@Override
	public List<String> getBootstrapServers() {
		return List.of(this.broker.bootstrapServers(Listener.PLAINTEXT));
	}

	@Override
	public String getSecurityProtocol() {
		return Listener.PLAINTEXT.name();
	}

}
