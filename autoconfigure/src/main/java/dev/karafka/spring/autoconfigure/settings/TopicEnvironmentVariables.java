package dev.karafka.spring.autoconfigure.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.SettingNames;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Checks the environment variables that set the settings of a topic,
 * {@code KARAFKA_TOPICS_<TOPIC>_<SETTING>}. Spring Boot takes the first word after
 * {@code KARAFKA_TOPICS_} as the topic and binds the rest to one of its settings, written
 * with dashes removed ({@code MAXWAITTIME}) or as underscores ({@code MAX_WAIT_TIME}) and
 * dots as underscores ({@code DEADLETTERQUEUE_TOPIC}); any other rest is silently
 * ignored. Unlike the names of other {@code KARAFKA_*} variables, these cannot belong to
 * another tool, so a rest that is no setting fails start-up.
 *
 * @author karafka-spring
 */
final class TopicEnvironmentVariables {

	private static final String PREFIX = "KARAFKA_TOPICS_";

	private static final int MAX_SUGGESTION_DISTANCE = 3;

	private final Supplier<Set<String>> topicSettings;

	private final Set<String> settings = new TreeSet<>();

	private final Set<String> canonicalSettings = new TreeSet<>();

	/**
	 * Create a new instance.
	 * @param topicSettings supplies the settings of a topic in dashed form
	 * ({@code dead-letter-queue.topic}), called only if a variable is to be checked
	 */
	TopicEnvironmentVariables(Supplier<Set<String>> topicSettings) {
		this.topicSettings = topicSettings;
	}

	private void readSettingsOnce() {
		if (!this.settings.isEmpty()) {
			return;
		}
		for (String setting : this.topicSettings.get()) {
			String underscored = setting.replace('.', '_').toUpperCase(Locale.ROOT);
			String canonical = underscored.replace("-", "");
			this.canonicalSettings.add(canonical);
			this.settings.add(canonical);
			this.settings.add(underscored.replace('-', '_'));
		}
	}

	/**
	 * Fail if an environment variable names no setting of a topic.
	 * @param environment the environment whose variables are checked
	 * @throws InvalidSettingException naming each such variable
	 */
	void check(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		Map<String, String> problems = new TreeMap<>();
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof SystemEnvironmentPropertySource variables) {
				for (String name : variables.getPropertyNames()) {
					String problem = problem(name);
					if (problem != null) {
						problems.putIfAbsent(name, problem);
					}
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidSettingException(problems.keySet().iterator().next(),
					"a topic has no such setting: " + String.join("; ", problems.values()) + " (environment variables)",
					"Name the topic by the one word after 'KARAFKA_TOPICS_', then a setting of "
							+ "'karafka.topics.<topic>' in upper case, without dashes and with dots as underscores: "
							+ "'KARAFKA_TOPICS_ORDERS_MAXWAITTIME', 'KARAFKA_TOPICS_ORDERS_DEADLETTERQUEUE_TOPIC'. "
							+ "Set a topic whose name has underscores, dashes or dots in a configuration file or "
							+ "SPRING_APPLICATION_JSON, in brackets: 'karafka.topics[orders.v1].concurrency'.");
		}
	}

	private @Nullable String problem(String name) {
		String upperCase = name.toUpperCase(Locale.ROOT);
		if (!upperCase.startsWith(PREFIX)) {
			return null;
		}
		readSettingsOnce();
		String rest = upperCase.substring(PREFIX.length());
		int topicEnd = rest.indexOf('_');
		String topic = (topicEnd > 0) ? rest.substring(0, topicEnd) : rest;
		String setting = (topicEnd > 0) ? rest.substring(topicEnd + 1) : "";
		if (this.settings.contains(setting)) {
			return null;
		}
		String suggestion = SettingNames.closest(setting.replace("_", ""), this.canonicalSettings,
				MAX_SUGGESTION_DISTANCE);
		return "'" + name + "'"
				+ ((suggestion != null) ? ", did you mean '" + PREFIX + topic + "_" + suggestion + "'?" : "");
	}

}
