package dev.karafka.spring.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.deadletter.DeadLetterErrorHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Refuses, as each listener container is created, a dead-letter topic that the container
 * consumes itself: its listener would fail each dead-lettered record again and send it
 * there again, forever. A container of a topic pattern is left alone: which topics it
 * consumes is known only once it runs.
 *
 * @author karafka-spring
 */
class DeadLetterLoopCheck
		implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

	private final Map<String, KarafkaProperties.Topic> topics;

	private final Function<String, String> logicalName;

	DeadLetterLoopCheck(Map<String, KarafkaProperties.Topic> topics, Function<String, String> logicalName) {
		this.topics = topics;
		this.logicalName = logicalName;
	}

	@Override
	public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
		if (!(container.getCommonErrorHandler() instanceof DeadLetterErrorHandler handler)) {
			return;
		}
		String deadLetterTopic = handler.getTopic();
		ContainerProperties properties = container.getContainerProperties();
		List<String> consumed = consumedTopics(properties);
		if (!consumed.contains(deadLetterTopic)) {
			return;
		}
		String setting = (properties.getTopics() != null) ? topicSetting(consumed) : null;
		throw new InvalidSettingException((setting != null) ? setting : "karafka.dead-letter-queue.topic",
				"listener '" + container.getListenerId() + "' consumes topic '" + deadLetterTopic
						+ "', its own dead-letter topic: it would fail each dead-lettered record again and send it "
						+ "there again, forever",
				(setting != null) ? "Give another dead-letter topic, for example '" + deadLetterTopic + "_dlq'."
						: "Give topic '" + deadLetterTopic + "' a dead-letter topic of its own, for example in "
								+ "karafka.topics." + deadLetterTopic + ".dead-letter-queue.topic=" + deadLetterTopic
								+ "_dlq.");
	}

	private List<String> consumedTopics(ContainerProperties properties) {
		String[] topics = properties.getTopics();
		TopicPartitionOffset[] partitions = properties.getTopicPartitions();
		List<String> names = (topics != null) ? Arrays.asList(topics) : (partitions != null)
				? Arrays.stream(partitions).map(TopicPartitionOffset::getTopic).toList() : List.of();
		return names.stream().map(this.logicalName).toList();
	}

	/**
	 * Return the per-topic setting that gave the container its dead-letter topic, if any:
	 * the first of its topics with settings of its own, as the topic settings are
	 * applied.
	 */
	private @Nullable String topicSetting(List<String> consumed) {
		return consumed.stream()
			.filter(this.topics::containsKey)
			.findFirst()
			.filter((topic) -> this.topics.get(topic).getDeadLetterQueue().getTopic() != null)
			.map((topic) -> "karafka.topics." + topic + ".dead-letter-queue.topic")
			.orElse(null);
	}

}
