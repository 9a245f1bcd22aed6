package dev.karafka.spring.autoconfigure.streams;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.streams.StreamsSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Adds the karafka client settings ({@code karafka.kafka} and the platform's: Heroku, AWS
 * MSK IAM) to the Kafka Streams properties of Boot's {@link KafkaProperties}, as
 * {@link StreamsSettings}. Bootstrap servers, security protocol and SSL bundle reach
 * Kafka Streams through the {@code KafkaConnectionDetails}, as for the other clients.
 *
 * @author karafka-spring
 */
class KafkaStreamsPropertiesPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ClientSettings> settings;

	KafkaStreamsPropertiesPostProcessor(ObjectProvider<ClientSettings> settings) {
		this.settings = settings;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaProperties properties) {
			this.settings.ifAvailable(
					(settings) -> properties.getStreams().getProperties().putAll(StreamsSettings.of(settings)));
		}
		return bean;
	}

}
