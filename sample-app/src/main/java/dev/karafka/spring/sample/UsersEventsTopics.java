package dev.karafka.spring.sample;

/**
 * Names of the topics the users events service works with.
 */
final class UsersEventsTopics {

	static final String USERS_EVENTS = "users_events";

	static final String USERS_EVENTS_DLT = "users_events-dlt";

	private UsersEventsTopics() {
	}

}
