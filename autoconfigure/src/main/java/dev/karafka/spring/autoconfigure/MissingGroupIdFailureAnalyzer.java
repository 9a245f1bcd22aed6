package dev.karafka.spring.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reports a listener container that could not start because it has no consumer group
 * (spring-kafka's {@code No group.id found} check): names the settings that give one, and
 * those the starter does not read when it is off ({@code karafka.enabled} false, or
 * {@code KarafkaAutoConfiguration} excluded by {@code spring.autoconfigure.exclude}).
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
		String starterOff = StarterSwitch.offReason(this.environment);
		if (starterOff != null) {
			return new FailureAnalysis(
					"A listener container has no consumer group: 'spring.kafka.consumer.group-id' is unset or empty "
							+ "and the listener names none. The starter is off (" + starterOff + "), so it does not "
							+ "take the group from 'karafka.group-id' or 'spring.application.name'.",
					"Set 'spring.kafka.consumer.group-id', or give the listener a group with "
							+ "@KafkaListener(groupId = \"...\"), or turn the starter on again.",
					cause);
		}
		for (String setting : List.of("karafka.group-id", "spring.kafka.consumer.group-id")) {
			String value = this.environment.getProperty(setting);
			if (value != null && value.isBlank()
					&& StringUtils.hasText(this.environment.getProperty("spring.application.name"))) {
				return new FailureAnalysis("A listener container has no consumer group: '" + setting
						+ "' is set but empty (an empty environment variable, such as " + variable(setting)
						+ "=\"\", sets it too), and an empty group does not fall back to 'spring.application.name'.",
						"Give '" + setting + "' a value, or remove it so that 'spring.application.name' names the "
								+ "group.",
						cause);
			}
		}
		return new FailureAnalysis(
				"A listener container has no consumer group: 'karafka.group-id', 'spring.kafka.consumer.group-id' "
						+ "and 'spring.application.name' (the default of 'karafka.group-id') are all unset or empty, "
						+ "and the listener names none.",
				"Set 'karafka.group-id' (as Karafka's 'group_id'), or 'spring.application.name', or give the "
						+ "listener a group with @KafkaListener(groupId = \"...\").",
				cause);
	}

	private static String variable(String setting) {
		return setting.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

}
