package dev.karafka.spring.diagnostics;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * What the brokers said about the cluster and about the topics and consumer groups of the
 * application at one moment. Names are those the brokers see (with the prefix).
 *
 * @param clusterId the cluster id, {@code null} when the cluster was not reached
 * @param controller the controller, {@code null} when unknown
 * @param brokers the brokers
 * @param topics the topics by name
 * @param groups the consumer groups by id
 * @param endOffsets the offset of the next record of each partition of the topics
 * @param failure why the cluster could not be described, {@code null} when it was
 * @author karafka-spring
 * @since 0.1.0
 */
public record ClusterSnapshot(@Nullable String clusterId, @Nullable Broker controller, List<Broker> brokers,
		Map<String, Topic> topics, Map<String, Group> groups, Map<TopicPartition, Long> endOffsets,
		@Nullable ClusterAccessFailure failure) {

	/**
	 * Return a snapshot of a cluster that could not be described.
	 * @param failure why
	 * @return the snapshot
	 */
	public static ClusterSnapshot unavailable(ClusterAccessFailure failure) {
		return new ClusterSnapshot(null, null, List.of(), Map.of(), Map.of(), Map.of(), failure);
	}

	/**
	 * Return whether the cluster was described.
	 * @return whether the cluster was reached
	 */
	public boolean isAvailable() {
		return this.failure == null;
	}

	/**
	 * A broker of the cluster.
	 *
	 * @param id the node id
	 * @param host the host name
	 * @param port the port
	 * @param rack the rack, {@code null} when none is configured
	 */
	public record Broker(int id, String host, int port, @Nullable String rack) {

	}

	/**
	 * A topic as the brokers describe it.
	 *
	 * @param partitions the number of partitions, {@code null} when the topic could not
	 * be described
	 * @param failure why the topic could not be described
	 */
	public record Topic(@Nullable Integer partitions, @Nullable ClusterAccessFailure failure) {

	}

	/**
	 * A consumer group as the brokers describe it.
	 *
	 * @param state the group's state ({@code Stable}, {@code Empty}, ...), {@code null}
	 * when unknown
	 * @param members the number of members
	 * @param committedOffsets the committed offset of each partition
	 * @param failure why the group could not be described
	 */
	public record Group(@Nullable String state, int members, Map<TopicPartition, Long> committedOffsets,
			@Nullable ClusterAccessFailure failure) {

	}

}
