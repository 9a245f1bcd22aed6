package dev.karafka.spring.devbroker;

import java.util.List;

import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;

/**
 * {@link KafkaConnectionDetails} that point every Kafka client at the development broker:
 * the one this application started, or the one of the running application that a one-off
 * command connects to. Their {@link Origin} says which, with the setting of its port.
 */
class DevBrokerKafkaConnectionDetails implements KafkaConnectionDetails, OriginProvider {

	private final String bootstrapServers;

	private final Origin origin;

	DevBrokerKafkaConnectionDetails(String bootstrapServers, String origin) {
		this.bootstrapServers = bootstrapServers;
		this.origin = new DevBrokerOrigin(origin);
	}

	@Override
	public Origin getOrigin() {
		return this.origin;
	}

	@Override
	public List<String> getBootstrapServers() {
		return List.of(this.bootstrapServers);
	}

	@Override
	public String getSecurityProtocol() {
		return Listener.PLAINTEXT.name();
	}

	private record DevBrokerOrigin(String description) implements Origin {

		@Override
		public String toString() {
			return this.description;
		}

	}

}
