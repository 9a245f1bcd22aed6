package dev.karafka.spring.sample;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the users events; an event it cannot process ends up on the dead-letter topic.
 */
@Component
class UsersEventsConsumer {

	private static final Logger logger = LoggerFactory.getLogger(UsersEventsConsumer.class);

	private final ConsumedEvents consumedEvents;

	UsersEventsConsumer(ConsumedEvents consumedEvents) {
		this.consumedEvents = consumedEvents;
	}

	@KafkaListener(id = "users-events", idIsGroup = false, topics = UsersEventsTopics.USERS_EVENTS, concurrency = "2")
	void consume(ConsumerRecord<String, String> record) {
		logger.info("Consumed event of user {} from partition {} at offset {}: {}", record.key(), record.partition(),
				record.offset(), record.value());
		if (record.value().contains("fail")) {
			throw new IllegalArgumentException("Cannot process event of user " + record.key() + ": " + record.value());
		}
		this.consumedEvents.add(new ConsumedEvent(record.key(), record.value(), record.partition(), record.offset()));
	}

}
