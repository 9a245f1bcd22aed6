package dev.karafka.spring.naming;

import org.apache.kafka.clients.producer.Producer;

import org.springframework.kafka.core.ProducerPostProcessor;

/**
 * Wraps each producer so that {@code partitionsFor(topic)}, which the
 * {@link NamePrefixProducerInterceptor} does not see, asks about the prefixed topic, and
 * offsets sent to a transaction name the prefixed group and topics (see
 * {@link NamePrefixClients#producer(Producer, NamePrefix)}). Sends are prefixed by the
 * interceptor.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author karafka-spring
 * @since 0.1.0
 */
public class NamePrefixProducerPostProcessor<K, V> implements ProducerPostProcessor<K, V> {

	private final NamePrefix prefix;

	/**
	 * Create a new instance.
	 * @param prefix the prefix to apply
	 */
	public NamePrefixProducerPostProcessor(NamePrefix prefix) {
		this.prefix = prefix;
	}

	@Override
	public Producer<K, V> apply(Producer<K, V> producer) {
		return NamePrefixClients.producer(producer, this.prefix);
	}

}
