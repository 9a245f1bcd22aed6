package dev.karafka.spring.naming;

import org.apache.kafka.clients.consumer.Consumer;

import org.springframework.kafka.core.ConsumerPostProcessor;

/**
 * Wraps each consumer so that the topics it subscribes to, is assigned, seeks in, commits
 * or asks about get the {@link NamePrefix}: containers created programmatically from the
 * container factory ({@code factory.createContainer("orders")}) and the application's own
 * consumer calls then reach the prefixed topics, as annotated listeners do. Names that
 * already carry the prefix are left alone; arguments keep their types and what the
 * consumer returns keeps the real (prefixed) names (see
 * {@link NamePrefixClients#consumer(Consumer, NamePrefix)}).
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author karafka-spring
 * @since 0.1.0
 */
public class NamePrefixConsumerPostProcessor<K, V> implements ConsumerPostProcessor<K, V> {

	private final NamePrefix prefix;

	/**
	 * Create a new instance.
	 * @param prefix the prefix to apply
	 */
	public NamePrefixConsumerPostProcessor(NamePrefix prefix) {
		this.prefix = prefix;
	}

	@Override
	public Consumer<K, V> apply(Consumer<K, V> consumer) {
		return NamePrefixClients.consumer(consumer, this.prefix);
	}

}
