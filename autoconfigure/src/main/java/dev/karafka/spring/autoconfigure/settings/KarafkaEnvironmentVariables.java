package dev.karafka.spring.autoconfigure.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.karafka.spring.autoconfigure.settings.UnknownSettingsCheck.KnownSettings;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.SettingNames;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Checks {@code KARAFKA_*} environment variables that Spring Boot binds to no setting but
 * whose name is a typing error or two away from one ({@code KARAFKA_INITAL_OFFSET} for
 * {@code KARAFKA_INITIAL_OFFSET}), or has its underscores in the wrong places
 * ({@code KARAFKA_LIVENESS_CONSUMING_T_TL}): Boot would silently ignore them. Other names
 * that bind to nothing are left alone, since images set variables such as
 * {@code KARAFKA_ENV} for other tools. Variables under a map-valued setting
 * ({@code KARAFKA_KAFKA_*}) are not checked; those of topics are checked by
 * {@link TopicEnvironmentVariables}.
 *
 * @author karafka-spring
 */
final class KarafkaEnvironmentVariables {

	private static final String PREFIX = "KARAFKA_";

	private static final String TOPICS_PREFIX = "KARAFKA_TOPICS_";

	private static final int MAX_TYPING_ERRORS = 2;

	/**
	 * The shortest setting, in letters, whose near misses are refused: shorter ones are
	 * too close to other tools' variables.
	 */
	private static final int MIN_CHECKED_LETTERS = 6;

	private final Supplier<KnownSettings> knownSettings;

	/**
	 * Create a new instance.
	 * @param knownSettings supplies the known {@code karafka.*} settings, called only if
	 * a variable is to be checked
	 */
	KarafkaEnvironmentVariables(Supplier<KnownSettings> knownSettings) {
		this.knownSettings = knownSettings;
	}

	/**
	 * Fail if an environment variable binds to no setting but nearly names one.
	 * @param environment the environment whose variables are checked
	 * @throws InvalidSettingException naming each such variable and the setting it
	 * probably means
	 */
	void check(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		Set<String> candidates = new TreeSet<>();
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof SystemEnvironmentPropertySource variables) {
				for (String name : variables.getPropertyNames()) {
					String upperCase = name.toUpperCase(Locale.ROOT);
					if (upperCase.startsWith(PREFIX) && !upperCase.startsWith(TOPICS_PREFIX)) {
						candidates.add(name);
					}
				}
			}
		}
		if (candidates.isEmpty()) {
			return;
		}
		VariableNames known = new VariableNames(this.knownSettings.get());
		Map<String, String> problems = new TreeMap<>();
		for (String candidate : candidates) {
			String meant = known.meant(candidate.toUpperCase(Locale.ROOT));
			if (meant != null) {
				problems.put(candidate, "'" + candidate + "', did you mean '" + meant + "'?");
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidSettingException(problems.keySet().iterator().next(),
					"no karafka setting has this name: " + String.join("; ", problems.values())
							+ " (environment variables)",
					"Rename " + ((problems.size() > 1) ? "each variable" : "the variable")
							+ " as suggested. A setting's environment variable is its name in upper case with dots "
							+ "as underscores and dashes removed or as underscores (for example, "
							+ "'karafka.initial-offset' is 'KARAFKA_INITIALOFFSET' or 'KARAFKA_INITIAL_OFFSET').");
		}
	}

	/**
	 * The environment variable names of the known settings.
	 */
	private static final class VariableNames {

		private final Set<String> leaves = new TreeSet<>();

		private final Set<String> mapPrefixes = new TreeSet<>();

		/**
		 * The letters of the names of settings long enough to be checked (upper case, no
		 * separators) to their variables.
		 */
		private final Map<String, String> letters = new TreeMap<>();

		VariableNames(KnownSettings known) {
			for (ConfigurationPropertyName leaf : known.leaves()) {
				String canonical = variable(leaf, Form.UNIFORM);
				this.leaves.add(canonical);
				this.leaves.add(variable(leaf, Form.DASHED).replace('-', '_'));
				String letters = canonical.replace("_", "");
				if (letters.length() - "KARAFKA".length() >= MIN_CHECKED_LETTERS) {
					this.letters.put(letters, variable(leaf, Form.DASHED).replace('-', '_'));
				}
			}
			for (ConfigurationPropertyName map : known.maps()) {
				this.mapPrefixes.add(variable(map, Form.UNIFORM) + "_");
				this.mapPrefixes.add(variable(map, Form.DASHED).replace('-', '_') + "_");
			}
		}

		/**
		 * Return the variable of the setting the given one probably means, or
		 * {@code null} if it binds to a setting or is no near miss of one.
		 */
		@Nullable String meant(String variable) {
			if (this.leaves.contains(variable) || isIndexed(variable)
					|| this.mapPrefixes.stream().anyMatch(variable::startsWith)) {
				return null;
			}
			String closest = SettingNames.closest(variable.replace("_", ""), this.letters.keySet(), MAX_TYPING_ERRORS);
			return (closest != null) ? this.letters.get(closest) : null;
		}

		/**
		 * Return whether the variable sets an element of a list-valued setting
		 * ({@code KARAFKA_SOME_LIST_0}).
		 */
		private boolean isIndexed(String variable) {
			int last = variable.lastIndexOf('_');
			return last > 0 && variable.substring(last + 1).chars().allMatch(Character::isDigit)
					&& this.leaves.contains(variable.substring(0, last));
		}

		private static String variable(ConfigurationPropertyName name, Form form) {
			StringBuilder variable = new StringBuilder();
			for (int i = 0; i < name.getNumberOfElements(); i++) {
				variable.append((i > 0) ? "_" : "").append(name.getElement(i, form).toUpperCase(Locale.ROOT));
			}
			return variable.toString();
		}

	}

}
