package dev.karafka.spring.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes one demo users event once the application is ready, so that a fresh run
 * visibly consumes something.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.greeting-event.enabled", matchIfMissing = true)
class GreetingEventPublisher {

	private static final String GREETING_USER_ID = "1";

	private static final String GREETING_EVENT = "{\"event\":\"user.created\"}";

	private final KafkaTemplate<String, String> kafkaTemplate;

	GreetingEventPublisher(KafkaTemplate<String, String> kafkaTemplate) {
		this.kafkaTemplate = kafkaTemplate;
	}

	@EventListener(ApplicationReadyEvent.class)
	void publishGreetingEvent() {
		this.kafkaTemplate.send(UsersEventsTopics.USERS_EVENTS, GREETING_USER_ID, GREETING_EVENT);
	}

}
