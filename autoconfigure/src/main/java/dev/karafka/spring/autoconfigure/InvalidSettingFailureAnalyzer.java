package dev.karafka.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.karafka.spring.connection.InvalidSettingException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Reports an {@link InvalidSettingException} at start-up: the setting at fault, where it
 * is written (as Boot's own binding reports do: the file and line, or the environment
 * variable whose relaxed name it is) unless the problem already says where its settings
 * come from, what is wrong and how to fix it. A setting refused before the application
 * context exists (by an {@code EnvironmentPostProcessor}) is reported without where it is
 * written.
 *
 * @author karafka-spring
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

	private final @Nullable Environment environment;

	InvalidSettingFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		List<InvalidSettingException> failures = new ArrayList<>(List.of(cause));
		Arrays.stream(cause.getSuppressed())
			.filter(InvalidSettingException.class::isInstance)
			.map(InvalidSettingException.class::cast)
			.forEach(failures::add);
		if (failures.size() == 1) {
			return new FailureAnalysis(description(cause), cause.getAction(), cause);
		}
		StringBuilder description = new StringBuilder(failures.size() + " settings are invalid:");
		StringBuilder action = new StringBuilder();
		for (InvalidSettingException failure : failures) {
			description.append(System.lineSeparator()).append("- ").append(description(failure));
			action.append((action.length() > 0) ? System.lineSeparator() : "")
				.append("- '")
				.append(failure.getSetting())
				.append("': ")
				.append(failure.getAction());
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	private String description(InvalidSettingException failure) {
		String problem = failure.getProblem();
		String end = (problem.endsWith(".") || problem.endsWith("?")) ? "" : ".";
		Origin origin = problem.contains("(from ") ? null : origin(failure.getSetting());
		String from = (origin != null) ? " (from " + origin + ")" : "";
		return "Invalid setting '" + failure.getSetting() + "'" + from + ": " + problem + end;
	}

	/**
	 * Return where a property is written: in the strongest source that has it, under its
	 * own name or, for an entry of a map of Kafka settings, under any name that binds to
	 * the same entry ({@code karafka.kafka[sasl.password]},
	 * {@code karafka.kafka.sasl.password}, {@code KARAFKA_KAFKA_SASL_PASSWORD}).
	 */
	private @Nullable Origin origin(String setting) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(setting)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(setting);
		String flat = flat(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property == null && source instanceof IterableConfigurationPropertySource iterable) {
				property = iterable.stream()
					.filter((candidate) -> flat(candidate).equals(flat))
					.findFirst()
					.map(source::getConfigurationProperty)
					.orElse(null);
			}
			if (property != null) {
				return property.getOrigin();
			}
		}
		return null;
	}

	private static String flat(ConfigurationPropertyName name) {
		StringBuilder flat = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			flat.append((i > 0) ? "." : "").append(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
		}
		return flat.toString().toLowerCase(Locale.ROOT);
	}

}
