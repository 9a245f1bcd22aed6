package dev.karafka.spring.autoconfigure.supervision;

import java.time.Duration;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Sets the consumers' {@code max.poll.interval.ms} to the one supervised mode needs, with
 * a warning when it replaces another value the application set.
 *
 * @author karafka-spring
 */
class SupervisedConsumerFactoryCustomizer implements DefaultKafkaConsumerFactoryCustomizer {

	private static final Log logger = LogFactory.getLog(SupervisedConsumerFactoryCustomizer.class);

	private final Duration maxPollInterval;

	SupervisedConsumerFactoryCustomizer(Duration maxPollInterval) {
		this.maxPollInterval = maxPollInterval;
	}

	@Override
	public void customize(DefaultKafkaConsumerFactory<?, ?> consumerFactory) {
		int millis = (int) Math.min(Integer.MAX_VALUE, this.maxPollInterval.toMillis());
		Object configured = consumerFactory.getConfigurationProperties()
			.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
		if (configured != null && !String.valueOf(millis).equals(configured.toString().trim())) {
			logger.warn("max.poll.interval.ms (" + configured + ") is replaced by " + millis
					+ " in supervised mode: karafka.liveness.consuming-ttl plus karafka.supervision.interval, so that "
					+ "a consumption within the consuming TTL is never evicted by Kafka and a consumer thread that "
					+ "ignores the supervisor's interrupt is evicted right after. Set the consuming TTL instead.");
		}
		consumerFactory.updateConfigs(Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, millis));
	}

}
