package dev.karafka.spring.connection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Raw Kafka client settings as users write them (Java client or librdkafka names), each
 * remembering the setting or environment variable it came from so that errors can name
 * it. Later additions replace earlier ones, so sources are added from the weakest to the
 * strongest.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class KafkaSettings {

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final List<String> replacements = new ArrayList<>();

	/**
	 * Create an empty instance.
	 */
	public KafkaSettings() {
	}

	private KafkaSettings(Map<String, Entry> entries) {
		this.entries.putAll(entries);
	}

	/**
	 * Return a copy of these settings, to add a client's own settings to.
	 * @return the copy
	 */
	public KafkaSettings copy() {
		return new KafkaSettings(this.entries);
	}

	/**
	 * Add every entry of a map of settings written under a common prefix, such as
	 * {@code karafka.kafka}.
	 * @param settings the settings, keyed by client setting name
	 * @param prefix the configuration prefix the map is bound from
	 * @return this instance
	 */
	public KafkaSettings addAll(Map<String, String> settings, String prefix) {
		settings.forEach((key, value) -> add(key.trim(), value, prefix + "." + key.trim()));
		return this;
	}

	/**
	 * Add every entry of other settings, with their origins, replacing earlier values of
	 * the same keys.
	 * @param settings the settings to add
	 * @return this instance
	 */
	public KafkaSettings addAll(KafkaSettings settings) {
		this.entries.putAll(settings.entries);
		return this;
	}

	/**
	 * Add one setting, replacing any earlier value of the same key.
	 * @param key the client setting name
	 * @param value the value
	 * @param origin the setting or environment variable the value comes from
	 * @return this instance
	 */
	public KafkaSettings add(String key, @Nullable String value, String origin) {
		if (value != null) {
			Entry replaced = this.entries.put(key, new Entry(value.trim(), origin));
			if (replaced != null && !comparable(key, replaced.value()).equals(comparable(key, value.trim()))
					&& !replaced.origin().equals(origin)) {
				this.replacements.add("'" + origin + "' replaces '" + replaced.origin() + "'");
			}
		}
		return this;
	}

	/**
	 * Return a value as compared with another source's: bootstrap servers without the
	 * scheme of a URL ({@code kafka+ssl://host:9096}, as Heroku gives them) or spaces.
	 */
	private static String comparable(String key, String value) {
		if (!"bootstrap.servers".equals(key)) {
			return value;
		}
		return Arrays.stream(value.split(",")).map(String::trim).map((server) -> {
			int scheme = server.indexOf("://");
			return (scheme >= 0) ? server.substring(scheme + 3) : server;
		}).collect(Collectors.joining(","));
	}

	/**
	 * Return the settings that {@link #add(String, String, String)} replaced with a
	 * different value from another source, described by their origins (never by value),
	 * such as {@code 'karafka.bootstrap-servers' replaces 'KAFKA_URL'}.
	 * @return the replacements, in the order they happened
	 */
	public List<String> replacements() {
		return Collections.unmodifiableList(this.replacements);
	}

	/**
	 * Return the setting names, in the order they were first given.
	 * @return the setting names
	 */
	public Set<String> keys() {
		return Collections.unmodifiableSet(this.entries.keySet());
	}

	/**
	 * Return the value of a setting.
	 * @param key the client setting name
	 * @return the value or {@code null}
	 */
	public @Nullable String get(String key) {
		Entry entry = this.entries.get(key);
		return (entry != null) ? entry.value() : null;
	}

	/**
	 * Return where a setting comes from.
	 * @param key the client setting name
	 * @return the origin, or the key itself when the setting is absent
	 */
	public String origin(String key) {
		Entry entry = this.entries.get(key);
		return (entry != null) ? entry.origin() : key;
	}

	private record Entry(String value, String origin) {

	}

}
