package dev.karafka.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.karafka.spring.autoconfigure.settings.SettingOrigins;
import dev.karafka.spring.connection.InvalidSettingException;
import org.jspecify.annotations.Nullable;

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
		Origin origin = (problem.contains("(from ") || this.environment == null) ? null
				: SettingOrigins.find(this.environment, failure.getSetting());
		String from = (origin != null) ? " (from " + origin + ")" : "";
		return "Invalid setting '" + failure.getSetting() + "'" + from + ": " + problem + end;
	}

}
