package dev.karafka.spring.diagnostics;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.Assert;

/**
 * Describes the cluster and the given topics and consumer groups with an {@link Admin}
 * client, within one timeout for the whole inspection: brokers and controller (as
 * {@code Karafka::Admin.cluster_info}), partitions of each topic, state and committed
 * offsets of each group, and end offsets. A topic or group that cannot be read carries
 * its own {@link ClusterAccessFailure}; a cluster that cannot be described gives an
 * {@link ClusterSnapshot#unavailable unavailable} snapshot.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ClusterInspector implements AutoCloseable {

	private final Supplier<Admin> adminFactory;

	private final NamePrefix prefix;

	private final Duration timeout;

	private final Supplier<@Nullable ConnectionPlatform> platform;

	private final DiagnosticHints loggedHints;

	private @Nullable Admin admin;

	/**
	 * Create a new instance whose failures carry no platform-specific hint.
	 * @param adminFactory the factory of the admin client, called once on first use
	 * @param prefix the prefix of the names the brokers see, for the hints
	 * @param timeout the longest time one inspection may take
	 */
	public ClusterInspector(Supplier<Admin> adminFactory, NamePrefix prefix, Duration timeout) {
		this(adminFactory, prefix, timeout, () -> null, Map::of);
	}

	/**
	 * Create a new instance.
	 * @param adminFactory the factory of the admin client, called once on first use
	 * @param prefix the prefix of the names the brokers see, for the hints
	 * @param timeout the longest time one inspection may take
	 * @param platform the platform the client settings describe, for the hints
	 * @param loggedHints the active hints detected from the clients' log, which tell a
	 * TLS and plaintext mix-up apart from a cluster that does not answer (see
	 * {@link ClusterAccessFailure#withLoggedConnectionCause(Map)})
	 */
	public ClusterInspector(Supplier<Admin> adminFactory, NamePrefix prefix, Duration timeout,
			Supplier<@Nullable ConnectionPlatform> platform, DiagnosticHints loggedHints) {
		Assert.notNull(adminFactory, "'adminFactory' must not be null");
		Assert.notNull(prefix, "'prefix' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		Assert.notNull(platform, "'platform' must not be null");
		Assert.notNull(loggedHints, "'loggedHints' must not be null");
		this.adminFactory = adminFactory;
		this.prefix = prefix;
		this.timeout = timeout;
		this.platform = platform;
		this.loggedHints = loggedHints;
	}

	/**
	 * Return the longest time one inspection may take.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Describe the cluster and the topics and groups of the given listener containers.
	 * @param containers the listener containers
	 * @return the snapshot
	 */
	public ClusterSnapshot inspect(Collection<? extends MessageListenerContainer> containers) {
		Set<String> topics = new TreeSet<>();
		Set<String> groups = new TreeSet<>();
		ListenerContainerTopics.collect(containers, this.prefix, topics, groups);
		return inspect(topics, groups);
	}

	/**
	 * Describe the cluster, the topics and the groups.
	 * @param topics the names of the topics as the brokers see them
	 * @param groups the ids of the consumer groups as the brokers see them
	 * @return the snapshot
	 */
	public synchronized ClusterSnapshot inspect(Collection<String> topics, Collection<String> groups) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			Admin admin = getAdmin();
			DescribeClusterResult cluster = admin
				.describeCluster(new DescribeClusterOptions().timeoutMs(remainingMillis(deadline)));
			String clusterId = cluster.clusterId().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
			List<ClusterSnapshot.Broker> brokers = cluster.nodes()
				.get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
				.stream()
				.map(ClusterInspector::broker)
				.sorted((left, right) -> Integer.compare(left.id(), right.id()))
				.toList();
			Node controller = cluster.controller().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
			Map<String, TopicDescription> described = new LinkedHashMap<>();
			Map<String, ClusterSnapshot.Topic> topicSnapshots = describeTopics(admin, topics, described, deadline);
			Map<TopicPartition, Long> endOffsets = endOffsets(admin, described.values(), deadline);
			Map<String, ClusterSnapshot.Group> groupSnapshots = describeGroups(admin, groups, deadline);
			return new ClusterSnapshot(clusterId, (controller != null) ? broker(controller) : null, brokers,
					topicSnapshots, groupSnapshots, endOffsets, null);
		}
		catch (ExecutionException ex) {
			return ClusterSnapshot.unavailable(describe((ex.getCause() != null) ? ex.getCause() : ex, null));
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return ClusterSnapshot.unavailable(timedOut());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ClusterSnapshot.unavailable(describe(ex, null));
		}
		catch (RuntimeException ex) {
			return ClusterSnapshot.unavailable(describe(ex, null));
		}
	}

	/**
	 * Return the failure of a cluster that did not answer within the timeout, with the
	 * hints of the platform and a connection cause that the clients logged.
	 * @return the failure
	 */
	public ClusterAccessFailure timedOut() {
		return ClusterAccessFailure.timedOut(this.timeout.toMillis(), this.platform.get())
			.withLoggedConnectionCause(this.loggedHints.activeHints());
	}

	private ClusterAccessFailure describe(Throwable failure, @Nullable String topic) {
		return ClusterAccessFailure.of(failure, this.prefix, topic, this.platform.get())
			.withLoggedConnectionCause(this.loggedHints.activeHints());
	}

	private Map<String, ClusterSnapshot.Topic> describeTopics(Admin admin, Collection<String> topics,
			Map<String, TopicDescription> described, long deadline) throws InterruptedException {
		Map<String, ClusterSnapshot.Topic> snapshots = new TreeMap<>();
		if (topics.isEmpty()) {
			return snapshots;
		}
		Map<String, KafkaFuture<TopicDescription>> futures = admin
			.describeTopics(Set.copyOf(topics), new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline)))
			.topicNameValues();
		futures.forEach((name, future) -> {
			try {
				TopicDescription description = await(future, deadline);
				described.put(name, description);
				snapshots.put(name, new ClusterSnapshot.Topic(description.partitions().size(), null));
			}
			catch (Exception ex) {
				snapshots.put(name, new ClusterSnapshot.Topic(null, failure(ex, name)));
			}
		});
		return snapshots;
	}

	private Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicDescription> topics, long deadline) {
		Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
		topics.forEach((topic) -> topic.partitions()
			.forEach((partition) -> request.put(new TopicPartition(topic.name(), partition.partition()),
					OffsetSpec.latest())));
		Map<TopicPartition, Long> endOffsets = new LinkedHashMap<>();
		if (request.isEmpty()) {
			return endOffsets;
		}
		ListOffsetsResult result = admin.listOffsets(request,
				new ListOffsetsOptions().timeoutMs(remainingMillis(deadline)));
		request.keySet().forEach((partition) -> {
			try {
				endOffsets.put(partition, await(result.partitionResult(partition), deadline).offset());
			}
			catch (Exception ex) {
				rethrowInterruption(ex);
			}
		});
		return endOffsets;
	}

	private Map<String, ClusterSnapshot.Group> describeGroups(Admin admin, Collection<String> groups, long deadline) {
		Map<String, ClusterSnapshot.Group> snapshots = new TreeMap<>();
		if (groups.isEmpty()) {
			return snapshots;
		}
		Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
		groups.forEach((group) -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
		var offsets = admin.listConsumerGroupOffsets(specs,
				new ListConsumerGroupOffsetsOptions().timeoutMs(remainingMillis(deadline)));
		Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions = admin
			.describeConsumerGroups(specs.keySet(),
					new DescribeConsumerGroupsOptions().timeoutMs(remainingMillis(deadline)))
			.describedGroups();
		for (String group : specs.keySet()) {
			try {
				Map<TopicPartition, Long> committed = new LinkedHashMap<>();
				Map<TopicPartition, OffsetAndMetadata> raw = await(offsets.partitionsToOffsetAndMetadata(group),
						deadline);
				raw.forEach((partition, offset) -> {
					if (offset != null) {
						committed.put(partition, offset.offset());
					}
				});
				snapshots.put(group, describeGroup(descriptions.get(group), committed, deadline));
			}
			catch (Exception ex) {
				snapshots.put(group, new ClusterSnapshot.Group(null, 0, Map.of(), failure(ex, null)));
			}
		}
		return snapshots;
	}

	private static ClusterSnapshot.Group describeGroup(KafkaFuture<ConsumerGroupDescription> description,
			Map<TopicPartition, Long> committed, long deadline) throws Exception {
		try {
			ConsumerGroupDescription described = await(description, deadline);
			return new ClusterSnapshot.Group(String.valueOf(described.groupState()), described.members().size(),
					committed, null);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				return new ClusterSnapshot.Group(String.valueOf(GroupState.DEAD), 0, committed, null);
			}
			throw ex;
		}
	}

	private ClusterAccessFailure failure(Exception ex, @Nullable String topic) {
		rethrowInterruption(ex);
		if (ex instanceof java.util.concurrent.TimeoutException) {
			return timedOut();
		}
		Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
		return describe(cause, topic);
	}

	private static void rethrowInterruption(Exception ex) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while inspecting the cluster", ex);
		}
	}

	private static <T> T await(KafkaFuture<T> future, long deadline)
			throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
		return future.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
	}

	private static int remainingMillis(long deadline) {
		long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
		return (int) Math.max(1, Math.min(remaining, Integer.MAX_VALUE));
	}

	private static ClusterSnapshot.Broker broker(Node node) {
		return new ClusterSnapshot.Broker(node.id(), node.host(), node.port(), node.rack());
	}

	private Admin getAdmin() {
		Admin admin = this.admin;
		if (admin == null) {
			admin = this.adminFactory.get();
			this.admin = admin;
		}
		return admin;
	}

	/**
	 * Close the admin client, waiting at most the timeout.
	 */
	@Override
	public synchronized void close() {
		if (this.admin != null) {
			this.admin.close(this.timeout);
			this.admin = null;
		}
	}

}
