package dev.karafka.spring.naming;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Prefix of the names of topics, consumer groups and transactional ids as the broker sees
 * them ({@code KAFKA_PREFIX} on Heroku's multi-tenant plans), applied once: a name that
 * already starts with the prefix is left alone.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class NamePrefix {

	/**
	 * The prefix that leaves every name as it is.
	 */
	public static final NamePrefix NONE = new NamePrefix("");

	private final String value;

	private NamePrefix(String value) {
		this.value = value;
	}

	/**
	 * Return the prefix with the given value.
	 * @param value the prefix, for example {@code smoothboulder-1234.}, or {@code null}
	 * or empty for none
	 * @return the prefix
	 */
	public static NamePrefix of(@Nullable String value) {
		return (value != null && !value.isBlank()) ? new NamePrefix(value.trim()) : NONE;
	}

	/**
	 * Return the value of the prefix.
	 * @return the prefix, empty for none
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return whether this prefix changes names.
	 * @return whether the prefix is not empty
	 */
	public boolean isEmpty() {
		return this.value.isEmpty();
	}

	/**
	 * Return the name the broker sees for the given name.
	 * @param name a topic, group or transactional id name, with or without the prefix
	 * @return the name with the prefix
	 */
	public String apply(String name) {
		Assert.notNull(name, "'name' must not be null");
		return (name.startsWith(this.value)) ? name : this.value + name;
	}

	/**
	 * Apply the prefix to a name, or to each name of an array or iterable, as
	 * {@code @KafkaListener} expressions may give them.
	 * @param names a name, an array of names or an iterable of names
	 * @return the names with the prefix, in the shape given
	 */
	public @Nullable Object applyToAll(@Nullable Object names) {
		if (names instanceof String name) {
			return apply(name);
		}
		if (names instanceof String[] array) {
			return applyToAll(List.of(array)).toArray(String[]::new);
		}
		if (names instanceof Iterable<?> iterable) {
			return applyToAll(iterable);
		}
		return names;
	}

	private List<String> applyToAll(Iterable<?> names) {
		List<String> prefixed = (names instanceof Collection<?> collection) ? new ArrayList<>(collection.size())
				: new ArrayList<>();
		names.forEach((name) -> prefixed.add(apply(String.valueOf(name))));
		return prefixed;
	}

	/**
	 * Return a pattern that matches the prefixed names of the topics the given pattern
	 * matches: the pattern anchored after the quoted prefix.
	 * @param pattern a regular expression or {@link Pattern} of topic names
	 * @return the pattern of the prefixed topic names
	 */
	public Pattern applyToPattern(Object pattern) {
		Assert.notNull(pattern, "'pattern' must not be null");
		Pattern given = (pattern instanceof Pattern compiled) ? compiled : Pattern.compile(pattern.toString());
		String quoted = Pattern.quote(this.value);
		if (isEmpty() || given.pattern().startsWith(quoted)) {
			return given;
		}
		return Pattern.compile(quoted + "(?:" + given.pattern() + ")", given.flags());
	}

	/**
	 * Return the name the application knows for a name the broker sees.
	 * @param name a name with or without the prefix
	 * @return the name without the prefix
	 */
	public String logicalName(String name) {
		Assert.notNull(name, "'name' must not be null");
		return (!isEmpty() && name.startsWith(this.value)) ? name.substring(this.value.length()) : name;
	}

	/**
	 * Return the name the application knows for the topic of a consumed record, whose
	 * {@link ConsumerRecord#topic() topic} is the one the broker sees.
	 * @param record the consumed record
	 * @return the topic name without the prefix
	 */
	public String logicalTopic(ConsumerRecord<?, ?> record) {
		return logicalName(record.topic());
	}

	@Override
	public String toString() {
		return this.value;
	}

}
