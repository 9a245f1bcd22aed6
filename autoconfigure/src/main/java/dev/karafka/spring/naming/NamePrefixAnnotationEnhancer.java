package dev.karafka.spring.naming;

import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.kafka.annotation.KafkaListenerAnnotationBeanPostProcessor.AnnotationEnhancer;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.util.StringUtils;

/**
 * {@link AnnotationEnhancer} that applies a {@link NamePrefix} to the topics, topic
 * pattern, topic partitions and group of every {@code @KafkaListener}, including the
 * group a listener {@code id} gives. Literal names get the prefix at once; placeholders
 * and SpEL expressions get it once resolved, so that names that already carry the prefix
 * keep it once. Retry and dead-letter topics of {@code @RetryableTopic} derive from the
 * prefixed names, so their suffixes stay at the end. It also remembers the listeners
 * whose group is their {@code id} (no {@code groupId}, spring-kafka's default
 * {@code idIsGroup}), for {@link ListenerIdGroupWarning}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class NamePrefixAnnotationEnhancer implements AnnotationEnhancer {

	private static final String EXPRESSION_START = "#{";

	private final Supplier<NamePrefix> prefix;

	private final Set<String> listenersGroupedById = ConcurrentHashMap.newKeySet();

	/**
	 * Create a new instance.
	 * @param prefix supplies the prefix to apply, on first use of a listener
	 */
	public NamePrefixAnnotationEnhancer(Supplier<NamePrefix> prefix) {
		this.prefix = prefix;
	}

	@Override
	public Map<String, Object> apply(Map<String, Object> attributes, AnnotatedElement element) {
		String id = (String) attributes.get("id");
		if (!StringUtils.hasText((String) attributes.get("groupId")) && Boolean.TRUE.equals(attributes.get("idIsGroup"))
				&& StringUtils.hasText(id)) {
			this.listenersGroupedById.add(id);
		}
		NamePrefix prefix = this.prefix.get();
		if (prefix.isEmpty()) {
			return attributes;
		}
		Map<String, Object> enhanced = new LinkedHashMap<>(attributes);
		enhanced.computeIfPresent("topics",
				(key, topics) -> Arrays.stream((String[]) topics)
					.map((topic) -> names(prefix, topic))
					.toArray(String[]::new));
		enhanced.computeIfPresent("topicPattern", (key, pattern) -> pattern(prefix, (String) pattern));
		enhanced.computeIfPresent("topicPartitions",
				(key, partitions) -> Arrays.stream((TopicPartition[]) partitions)
					.map((partition) -> topicPartition(prefix, partition))
					.toArray(TopicPartition[]::new));
		String group = (String) attributes.get("groupId");
		if (StringUtils.hasText(group)) {
			enhanced.put("groupId", names(prefix, group));
		}
		else if (Boolean.TRUE.equals(attributes.get("idIsGroup")) && StringUtils.hasText(id)) {
			enhanced.put("groupId", names(prefix, id));
		}
		return enhanced;
	}

	/**
	 * Return the ids, as written on their annotation, of the listeners whose consumer
	 * group is their id.
	 * @return the listener ids
	 */
	public Set<String> getListenersGroupedById() {
		return Collections.unmodifiableSet(this.listenersGroupedById);
	}

	private static TopicPartition topicPartition(NamePrefix prefix, TopicPartition partition) {
		Map<String, Object> attributes = AnnotationUtils.getAnnotationAttributes(partition);
		attributes.put("topic", names(prefix, partition.topic()));
		return AnnotationUtils.synthesizeAnnotation(attributes, TopicPartition.class, null);
	}

	private static String names(NamePrefix prefix, String value) {
		if (!StringUtils.hasText(value)) {
			return value;
		}
		if (isExpression(value)) {
			return call(prefix, "applyToAll", value.substring(2, value.length() - 1));
		}
		if (value.contains("${")) {
			return call(prefix, "applyToAll", quoted(value));
		}
		return prefix.apply(value);
	}

	private static String pattern(NamePrefix prefix, String value) {
		if (!StringUtils.hasText(value)) {
			return value;
		}
		String pattern = isExpression(value) ? value.substring(2, value.length() - 1) : quoted(value);
		return call(prefix, "applyToPattern", pattern);
	}

	private static boolean isExpression(String value) {
		return value.startsWith(EXPRESSION_START) && value.endsWith("}")
				&& value.indexOf(EXPRESSION_START, EXPRESSION_START.length()) < 0;
	}

	private static String call(NamePrefix prefix, String method, String argument) {
		return EXPRESSION_START + "T(" + NamePrefix.class.getName() + ").of(" + quoted(prefix.value()) + ")." + method
				+ "(" + argument + ")}";
	}

	private static String quoted(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}
