package dev.karafka.spring.diagnostics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.karafka.spring.connection.ClientType;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.util.Assert;

/**
 * The configuration each kind of Kafka client is created with, as the factories hold it,
 * passed through Spring Boot's {@link Sanitizer}: every value is masked unless values are
 * shown, and the {@code SanitizingFunction} beans mask secrets even then. Values that are
 * objects (an SSL bundle, a token provider) show as their class name.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class EffectiveClientSettings {

	private final Map<ClientType, Supplier<Map<String, Object>>> configurations;

	private final Sanitizer sanitizer;

	/**
	 * Create a new instance.
	 * @param configurations the configuration of each kind of client, read on every call
	 * @param sanitizer the sanitizer of the values
	 */
	public EffectiveClientSettings(Map<ClientType, Supplier<Map<String, Object>>> configurations, Sanitizer sanitizer) {
		Assert.notNull(configurations, "'configurations' must not be null");
		Assert.notNull(sanitizer, "'sanitizer' must not be null");
		this.configurations = configurations;
		this.sanitizer = sanitizer;
	}

	/**
	 * Return the settings of each kind of client.
	 * @param showUnsanitized whether values that no sanitizing function masks are shown
	 * @return the settings by client type ({@code consumer}, {@code producer},
	 * {@code admin}), sorted by key
	 */
	public Map<String, Map<String, @Nullable Object>> describe(boolean showUnsanitized) {
		Map<String, Map<String, @Nullable Object>> clients = new LinkedHashMap<>();
		this.configurations.forEach((type, configuration) -> {
			Map<String, @Nullable Object> settings = new TreeMap<>();
			configuration.get()
				.forEach((key, value) -> settings.put(key,
						this.sanitizer.sanitize(new SanitizableData(null, key, displayed(value)), showUnsanitized)));
			clients.put(type.name().toLowerCase(Locale.ROOT), settings);
		});
		return clients;
	}

	private static @Nullable Object displayed(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Password) {
			return SanitizableData.SANITIZED_VALUE;
		}
		if (value instanceof Class<?> type) {
			return type.getName();
		}
		if (value instanceof Collection<?> collection) {
			List<@Nullable Object> elements = new ArrayList<>(collection.size());
			collection.forEach((element) -> elements.add(displayed(element)));
			return elements;
		}
		return value.getClass().getName();
	}

}
