package dev.karafka.spring.autoconfigure.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.SecretSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Reports a {@code karafka.*} setting whose value cannot be bound (a duration such as
 * {@code 5parsecs}, a value outside an enumeration such as {@code middle}) as the
 * starter's other start-up reports do: the setting, what is wrong and the accepted forms.
 * Ordered before Spring Boot's own analysis of bind failures; failures of other settings
 * and {@link InvalidSettingException}s are left to their analyzers. Secret values are
 * never shown.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		if (property == null || !property.getName().toString().startsWith("karafka.")
				|| findCause(rootFailure, InvalidSettingException.class) != null) {
			return null;
		}
		String name = property.getName().toString();
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		String value = SecretSettings.isSecret(name) ? "its value" : "'" + property.getValue() + "'";
		String origin = (property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
		return new FailureAnalysis(
				"Invalid setting '" + name + "'" + origin + ": " + value + " is not " + expected(type) + ".",
				"Give " + expected(type) + ".", cause);
	}

	private static String expected(Class<?> type) {
		if (type.isEnum()) {
			return "one of: " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (Duration.class.equals(type)) {
			return "a duration such as 500ms, 5s or 1m (units ns, us, ms, s, m, h and d; a number without unit is "
					+ "milliseconds), or an ISO-8601 duration such as PT5S";
		}
		if (DataSize.class.equals(type)) {
			return "a size such as 512B, 8KB or 1MB";
		}
		if (Boolean.class.equals(type) || boolean.class.equals(type)) {
			return "true or false";
		}
		if (Integer.class.equals(type) || int.class.equals(type) || Long.class.equals(type)
				|| long.class.equals(type)) {
			return "a whole number";
		}
		return "a value of type " + type.getSimpleName();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
