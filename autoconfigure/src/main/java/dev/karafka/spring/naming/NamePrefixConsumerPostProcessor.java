package dev.karafka.spring.naming;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.ConsumerPostProcessor;

/**
 * Wraps each consumer so that the topics it subscribes to, is assigned, seeks in or asks
 * about get the {@link NamePrefix}: containers created programmatically from the
 * container factory ({@code factory.createContainer("orders")}) and the application's own
 * consumer calls then reach the prefixed topics, as annotated listeners do. Names that
 * already carry the prefix are left alone; what the consumer returns keeps the real
 * (prefixed) names.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author karafka-spring
 * @since 0.1.0
 */
public class NamePrefixConsumerPostProcessor<K, V> implements ConsumerPostProcessor<K, V> {

	private static final Set<String> TOPIC_NAME_METHODS = Set.of("subscribe", "partitionsFor");

	private final NamePrefix prefix;

	/**
	 * Create a new instance.
	 * @param prefix the prefix to apply
	 */
	public NamePrefixConsumerPostProcessor(NamePrefix prefix) {
		this.prefix = prefix;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Consumer<K, V> apply(Consumer<K, V> consumer) {
		return (Consumer<K, V>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
				new Class<?>[] { Consumer.class }, new PrefixingHandler(consumer));
	}

	private final class PrefixingHandler implements InvocationHandler {

		private final Consumer<?, ?> target;

		PrefixingHandler(Consumer<?, ?> target) {
			this.target = target;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] arguments) throws Throwable {
			if (arguments != null) {
				boolean topicNames = TOPIC_NAME_METHODS.contains(method.getName());
				for (int i = 0; i < arguments.length; i++) {
					arguments[i] = prefixed(arguments[i], topicNames);
				}
			}
			try {
				return method.invoke(this.target, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

		private @Nullable Object prefixed(@Nullable Object argument, boolean topicNames) {
			NamePrefix prefix = NamePrefixConsumerPostProcessor.this.prefix;
			if (argument instanceof TopicPartition partition) {
				return prefixed(partition);
			}
			if (argument instanceof Pattern pattern && topicNames) {
				return prefix.applyToPattern(pattern);
			}
			if (argument instanceof String topic && topicNames) {
				return prefix.apply(topic);
			}
			if (argument instanceof Collection<?> collection && !collection.isEmpty()) {
				Object first = collection.iterator().next();
				if (first instanceof TopicPartition) {
					return collection.stream().map((element) -> prefixed((TopicPartition) element)).toList();
				}
				if (first instanceof String && topicNames) {
					return collection.stream()
						.map((element) -> prefix.apply((String) element))
						.collect(Collectors.toList());
				}
			}
			if (argument instanceof Map<?, ?> map && !map.isEmpty()
					&& map.keySet().iterator().next() instanceof TopicPartition) {
				Map<Object, Object> prefixedMap = new LinkedHashMap<>();
				map.forEach((key, value) -> prefixedMap.put(prefixed((TopicPartition) key), value));
				return prefixedMap;
			}
			return argument;
		}

		private TopicPartition prefixed(TopicPartition partition) {
			String topic = NamePrefixConsumerPostProcessor.this.prefix.apply(partition.topic());
			return topic.equals(partition.topic()) ? partition : new TopicPartition(topic, partition.partition());
		}

	}

}
