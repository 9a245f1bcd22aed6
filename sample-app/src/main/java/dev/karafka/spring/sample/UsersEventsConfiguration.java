package dev.karafka.spring.sample;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Topics and error handling of the users events.
 */
@Configuration(proxyBeanMethods = false)
class UsersEventsConfiguration {

	private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

	private static final long RETRIES = 2;

	@Bean
	NewTopic usersEventsTopic() {
		return TopicBuilder.name(UsersEventsTopics.USERS_EVENTS).partitions(3).build();
	}

	@Bean
	NewTopic usersEventsDeadLetterTopic() {
		return TopicBuilder.name(UsersEventsTopics.USERS_EVENTS_DLT).partitions(1).build();
	}

	@Bean
	DefaultErrorHandler usersEventsErrorHandler(KafkaOperations<?, ?> kafkaTemplate) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, exception) -> new TopicPartition(UsersEventsTopics.USERS_EVENTS_DLT, -1));
		return new DefaultErrorHandler(recoverer, new FixedBackOff(RETRY_INTERVAL.toMillis(), RETRIES));
	}

}
