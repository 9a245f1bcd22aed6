package dev.karafka.spring.sample;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Topics of the users events. Failed events are retried, then go to the dead-letter topic
 * ({@code karafka.dead-letter-queue} in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
class UsersEventsConfiguration {

	@Bean
	NewTopic usersEventsTopic() {
		return TopicBuilder.name(UsersEventsTopics.USERS_EVENTS).partitions(3).build();
	}

	@Bean
	NewTopic usersEventsDeadLetterTopic() {
		return TopicBuilder.name(UsersEventsTopics.USERS_EVENTS_DLT).partitions(1).build();
	}

}
