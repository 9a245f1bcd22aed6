package dev.karafka.spring.diagnostics;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * The topics and group of listener containers, as the brokers see them (with the prefix).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class ListenerContainerTopics {

	private ListenerContainerTopics() {
	}

	/**
	 * Return the topics a container subscribes to, is given, or is assigned.
	 * @param container the listener container
	 * @param prefix the prefix of the names the brokers see
	 * @return the topic names with the prefix, sorted
	 */
	public static Set<String> topics(MessageListenerContainer container, NamePrefix prefix) {
		Set<String> topics = new TreeSet<>();
		ContainerProperties properties = container.getContainerProperties();
		String[] subscribed = properties.getTopics();
		if (subscribed != null) {
			for (String topic : subscribed) {
				topics.add(prefix.apply(topic));
			}
		}
		TopicPartitionOffset[] given = properties.getTopicPartitions();
		if (given != null) {
			for (TopicPartitionOffset partition : given) {
				topics.add(prefix.apply(partition.getTopic()));
			}
		}
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		if (assigned != null) {
			assigned.forEach((partition) -> topics.add(partition.topic()));
		}
		return topics;
	}

	/**
	 * Return the consumer group of a container.
	 * @param container the listener container
	 * @param prefix the prefix of the names the brokers see
	 * @return the group id with the prefix, or {@code null} when the container has none
	 */
	public static @Nullable String group(MessageListenerContainer container, NamePrefix prefix) {
		String group = container.getGroupId();
		return (group != null && !group.isEmpty()) ? prefix.apply(group) : null;
	}

	/**
	 * Return every topic and group of the given containers.
	 * @param containers the listener containers
	 * @param prefix the prefix of the names the brokers see
	 * @param topics the set to add the topic names to
	 * @param groups the set to add the group ids to
	 */
	public static void collect(Collection<? extends MessageListenerContainer> containers, NamePrefix prefix,
			Set<String> topics, Set<String> groups) {
		for (MessageListenerContainer container : containers) {
			topics.addAll(topics(container, prefix));
			String group = group(container, prefix);
			if (group != null) {
				groups.add(group);
			}
		}
	}

}
