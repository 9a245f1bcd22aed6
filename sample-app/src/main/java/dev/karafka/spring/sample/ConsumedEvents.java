package dev.karafka.spring.sample;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The most recent users events this instance consumed, newest first.
 */
@Component
class ConsumedEvents {

	private static final int CAPACITY = 100;

	private final Deque<ConsumedEvent> events = new ArrayDeque<>(CAPACITY);

	synchronized void add(ConsumedEvent event) {
		if (this.events.size() == CAPACITY) {
			this.events.removeLast();
		}
		this.events.addFirst(event);
	}

	synchronized List<ConsumedEvent> forUser(String userId) {
		return this.events.stream().filter((event) -> userId.equals(event.userId())).toList();
	}

}
