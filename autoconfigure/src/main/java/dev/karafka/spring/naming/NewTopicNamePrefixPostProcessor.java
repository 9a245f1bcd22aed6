package dev.karafka.spring.naming;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * Gives the {@link NewTopic} and {@link KafkaAdmin.NewTopics} beans that
 * {@code KafkaAdmin} creates the {@link NamePrefix}: each topic is replaced by an equal
 * topic with the prefixed name.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class NewTopicNamePrefixPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<NamePrefix> prefix;

	/**
	 * Create a new instance.
	 * @param prefix provides the prefix to apply, none when unavailable
	 */
	public NewTopicNamePrefixPostProcessor(ObjectProvider<NamePrefix> prefix) {
		this.prefix = prefix;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof NewTopic topic) {
			return withPrefix(prefix(), topic);
		}
		if (bean instanceof KafkaAdmin.NewTopics topics && !prefix().isEmpty()) {
			return new KafkaAdmin.NewTopics(
					newTopics(topics).stream().map((topic) -> withPrefix(prefix(), topic)).toArray(NewTopic[]::new));
		}
		return bean;
	}

	private NamePrefix prefix() {
		return this.prefix.getIfAvailable(() -> NamePrefix.NONE);
	}

	@SuppressWarnings("unchecked")
	private static Collection<NewTopic> newTopics(KafkaAdmin.NewTopics topics) {
		Method getNewTopics = ReflectionUtils.findMethod(KafkaAdmin.NewTopics.class, "getNewTopics");
		Assert.state(getNewTopics != null, "KafkaAdmin.NewTopics.getNewTopics() not found: karafka-spring cannot "
				+ "apply the name prefix to NewTopics beans with this spring-kafka version");
		ReflectionUtils.makeAccessible(getNewTopics);
		return (Collection<NewTopic>) ReflectionUtils.invokeMethod(getNewTopics, topics);
	}

	static NewTopic withPrefix(NamePrefix prefix, NewTopic topic) {
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
