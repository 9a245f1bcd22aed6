package dev.karafka.spring.naming;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Logs one warning when the {@link NamePrefix} does not end with a separator ({@code .},
 * {@code -} or {@code _}), showing the name one topic of the application then has on the
 * broker ({@code karafka.prefix=tenant} turns {@code orders} into {@code tenantorders}).
 * Heroku's prefixes end with a dot.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class NamePrefixSeparatorWarning implements ApplicationListener<ContextRefreshedEvent> {

	private static final Log logger = LogFactory.getLog(NamePrefixSeparatorWarning.class);

	private static final String SEPARATORS = ".-_";

	private static final String EXAMPLE_TOPIC = "orders";

	private final NamePrefix prefix;

	private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Create a new instance.
	 * @param prefix the prefix to check
	 * @param registry the registry whose listeners give the topic shown
	 */
	public NamePrefixSeparatorWarning(NamePrefix prefix, ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		this.prefix = prefix;
		this.registry = registry;
	}

	/**
	 * Return whether the given prefix ends with a separator, or is empty.
	 * @param prefix the prefix
	 * @return whether the prefix is separated from the names it is applied to
	 */
	public static boolean isSeparated(NamePrefix prefix) {
		return prefix.isEmpty() || SEPARATORS.indexOf(prefix.value().charAt(prefix.value().length() - 1)) >= 0;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (!isSeparated(this.prefix) && this.warned.compareAndSet(false, true)) {
			String topic = this.prefix.logicalName(listenerTopic());
			logger.warn("The name prefix '" + this.prefix + "' (karafka.prefix or KAFKA_PREFIX) does not end with '.', "
					+ "'-' or '_': topic '" + topic + "' is '" + this.prefix.apply(topic)
					+ "' on the broker. Add the separator to the prefix if the names are meant to be apart.");
		}
	}

	private String listenerTopic() {
		KafkaListenerEndpointRegistry registry = this.registry.getIfAvailable();
		if (registry == null) {
			return EXAMPLE_TOPIC;
		}
		return registry.getAllListenerContainers()
			.stream()
			.map((container) -> container.getContainerProperties().getTopics())
			.filter(Objects::nonNull)
			.flatMap(Arrays::stream)
			.findFirst()
			.orElse(EXAMPLE_TOPIC);
	}

}
