package dev.karafka.spring.naming;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.apache.kafka.clients.producer.Producer;

import org.springframework.kafka.core.ProducerPostProcessor;

/**
 * Wraps each producer so that {@code partitionsFor(topic)}, which the
 * {@link NamePrefixProducerInterceptor} does not see, asks about the prefixed topic.
 * Sends are prefixed by the interceptor.
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
	@SuppressWarnings("unchecked")
	public Producer<K, V> apply(Producer<K, V> producer) {
		return (Producer<K, V>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
				new Class<?>[] { Producer.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("partitionsFor") && arguments != null
							&& arguments[0] instanceof String topic) {
						arguments[0] = this.prefix.apply(topic);
					}
					try {
						return method.invoke(producer, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getTargetException();
					}
				});
	}

}
