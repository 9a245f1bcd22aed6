package dev.karafka.spring.autoconfigure.settings;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Finds where a setting is written, as Boot's own binding reports say it: the file and
 * line, the command-line argument, or the environment variable whose relaxed name it is.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class SettingOrigins {

	private SettingOrigins() {
	}

	/**
	 * Return where a setting is written: in the strongest source that has it, under its
	 * own name or, for an entry of a map of Kafka settings, under any name that binds to
	 * the same entry ({@code karafka.kafka[sasl.password]},
	 * {@code karafka.kafka.sasl.password}, {@code KARAFKA_KAFKA_SASL_PASSWORD}). A name
	 * with characters Boot's names do not allow ({@code karafka.topics.trial_events.x})
	 * is looked up in Boot's form, without them. An environment variable's name (no dot)
	 * says where it is written by itself.
	 * @param environment the environment
	 * @param setting the setting's name
	 * @return where it is written, or {@code null} when no source has it or the name is
	 * an environment variable's
	 */
	public static @Nullable Origin find(Environment environment, String setting) {
		if (setting.indexOf('.') < 0) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(setting, '.');
		if (name.isEmpty()) {
			return null;
		}
		String flat = flat(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
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
