package dev.karafka.spring.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP entry point that publishes users events and shows the ones recently consumed.
 * Events are published verbatim whatever their content type, so that a body that
 * {@code curl -d} sends as a form arrives unchanged.
 */
@RestController
class UsersEventsController {

	private final KafkaTemplate<String, String> kafkaTemplate;

	private final ConsumedEvents consumedEvents;

	UsersEventsController(KafkaTemplate<String, String> kafkaTemplate, ConsumedEvents consumedEvents) {
		this.kafkaTemplate = kafkaTemplate;
		this.consumedEvents = consumedEvents;
	}

	@PostMapping("/users/{id}/events")
	ResponseEntity<Void> publish(@PathVariable String id, InputStream body) throws IOException {
		String event = StreamUtils.copyToString(body, StandardCharsets.UTF_8);
		this.kafkaTemplate.send(UsersEventsTopics.USERS_EVENTS, id, event).join();
		return ResponseEntity.accepted().build();
	}

	@GetMapping("/users/{id}/events")
	List<ConsumedEvent> consumed(@PathVariable String id) {
		return this.consumedEvents.forUser(id);
	}

}
