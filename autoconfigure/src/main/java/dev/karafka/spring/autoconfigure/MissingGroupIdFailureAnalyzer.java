package dev.karafka.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports a listener container that could not start because it has no consumer group
 * (spring-kafka's {@code No group.id found} check): names the settings that give one, and
 * those the starter does not read when {@code karafka.enabled} is {@code false}.
 *
 * @author karafka-spring
 */
class MissingGroupIdFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

	private static final String MISSING_GROUP_ID = "No group.id found";

	private final Environment environment;

	MissingGroupIdFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
		String message = cause.getMessage();
		if (message == null || !message.startsWith(MISSING_GROUP_ID)) {
			return null;
		}
		if (!this.environment.getProperty("karafka.enabled", Boolean.class, true)) {
			return new FailureAnalysis(
					"A listener container has no consumer group: 'spring.kafka.consumer.group-id' is unset or empty "
							+ "and the listener names none. With 'karafka.enabled' false, the starter does not take "
							+ "the group from 'karafka.group-id' or 'spring.application.name'.",
					"Set 'spring.kafka.consumer.group-id', or give the listener a group with "
							+ "@KafkaListener(groupId = \"...\"), or remove 'karafka.enabled=false'.",
					cause);
		}
		return new FailureAnalysis(
				"A listener container has no consumer group: 'karafka.group-id', 'spring.kafka.consumer.group-id' "
						+ "and 'spring.application.name' (the default of 'karafka.group-id') are all unset or empty, "
						+ "and the listener names none.",
				"Set 'karafka.group-id' (as Karafka's 'group_id'), or 'spring.application.name', or give the "
						+ "listener a group with @KafkaListener(groupId = \"...\").",
				cause);
	}

}
