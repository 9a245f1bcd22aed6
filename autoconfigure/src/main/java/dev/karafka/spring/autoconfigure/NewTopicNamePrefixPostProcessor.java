package dev.karafka.spring.autoconfigure;

import java.util.Optional;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives the {@link NewTopic} beans that {@code KafkaAdmin} creates the {@link NamePrefix}:
 * each is replaced by an equal topic with the prefixed name.
 *
 * @author karafka-spring
 */
class NewTopicNamePrefixPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<NamePrefix> prefix;

	NewTopicNamePrefixPostProcessor(ObjectProvider<NamePrefix> prefix) {
		this.prefix = prefix;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof NewTopic topic) {
			return withPrefix(this.prefix.getIfAvailable(() -> NamePrefix.NONE), topic);
		}
		return bean;
	}

	private static NewTopic withPrefix(NamePrefix prefix, NewTopic topic) {
		String name = prefix.apply(topic.name());
		if (name.equals(topic.name())) {
			return topic;
		}
		NewTopic prefixed = (topic.replicasAssignments() != null) ? new NewTopic(name, topic.replicasAssignments())
				: new NewTopic(name, Optional.of(topic.numPartitions()).filter((partitions) -> partitions > 0),
						Optional.of(topic.replicationFactor()).filter((replicas) -> replicas > 0));
		return (topic.configs() != null) ? prefixed.configs(topic.configs()) : prefixed;
	}

}
