package dev.karafka.spring.diagnostics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * {@link Endpoint @Endpoint} that shows what an operator asks first when consumption
 * stalls: the cluster (as {@code Karafka::Admin.cluster_info}), the platform and prefix,
 * each listener container with its group, state, partitions, committed and end offsets
 * and lag, the effective settings of each kind of client (masked) and the active hints.
 * The cluster part comes from a {@link CachedClusterSnapshot}, so a slow or unreachable
 * cluster never blocks the endpoint longer than its timeout: the body then says why the
 * cluster is unavailable and still shows the in-process parts.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@Endpoint(id = "karafka")
public class KarafkaEndpoint {

	private final Supplier<Collection<MessageListenerContainer>> containers;

	private final CachedClusterSnapshot cluster;

	private final NamePrefix prefix;

	private final Supplier<ConnectionPlatform> platform;

	private final ListenerContainerStops stops;

	private final EffectiveClientSettings clientSettings;

	private final Show showValues;

	private final Set<String> roles;

	private final Supplier<Map<String, String>> hints;

	/**
	 * Create a new instance.
	 * @param containers the listener containers
	 * @param cluster the cached snapshot of the cluster
	 * @param prefix the prefix of the names the brokers see
	 * @param platform the detected platform
	 * @param stops why consumers stopped
	 * @param clientSettings the effective client settings
	 * @param showValues when client setting values are shown
	 * @param roles the roles that may see values when authorized
	 * @param hints the active hints, keyed by cause
	 */
	public KarafkaEndpoint(Supplier<Collection<MessageListenerContainer>> containers, CachedClusterSnapshot cluster,
			NamePrefix prefix, Supplier<ConnectionPlatform> platform, ListenerContainerStops stops,
			EffectiveClientSettings clientSettings, Show showValues, Set<String> roles,
			Supplier<Map<String, String>> hints) {
		this.containers = containers;
		this.cluster = cluster;
		this.prefix = prefix;
		this.platform = platform;
		this.stops = stops;
		this.clientSettings = clientSettings;
		this.showValues = showValues;
		this.roles = roles;
		this.hints = hints;
	}

	/**
	 * Describe the cluster, the listeners and the clients.
	 * @param securityContext the security context of the caller
	 * @return the description
	 */
	@ReadOperation
	public KarafkaDescriptor karafka(SecurityContext securityContext) {
		ClusterSnapshot snapshot = this.cluster.get();
		Map<String, ListenerDescriptor> listeners = new TreeMap<>();
		for (MessageListenerContainer container : this.containers.get()) {
			listeners.put(container.getListenerId(), describe(container, snapshot));
		}
		boolean showUnsanitized = this.showValues.isShown(securityContext, this.roles);
		return new KarafkaDescriptor(ClusterDescriptor.of(snapshot),
				this.platform.get().name().toLowerCase(Locale.ROOT), this.prefix.value(), listeners,
				this.clientSettings.describe(showUnsanitized), this.hints.get());
	}

	private ListenerDescriptor describe(MessageListenerContainer container, ClusterSnapshot snapshot) {
		String physicalGroup = ListenerContainerTopics.group(container, this.prefix);
		ClusterSnapshot.Group group = (physicalGroup != null) ? snapshot.groups().get(physicalGroup) : null;
		Map<TopicPartition, Long> committed = (group != null) ? group.committedOffsets() : Map.of();
		Collection<TopicPartition> assigned = assignedPartitions(container);
		List<TopicDescriptor> topics = new ArrayList<>();
		for (String topic : ListenerContainerTopics.topics(container, this.prefix)) {
			ClusterSnapshot.Topic described = snapshot.topics().get(topic);
			List<PartitionDescriptor> partitions = new ArrayList<>();
			for (TopicPartition partition : partitions(topic, described, assigned)) {
				Long committedOffset = committed.get(partition);
				Long endOffset = snapshot.endOffsets().get(partition);
				Long lag = (committedOffset != null && endOffset != null) ? Math.max(0, endOffset - committedOffset)
						: null;
				partitions.add(new PartitionDescriptor(partition.partition(), assigned.contains(partition),
						committedOffset, endOffset, lag));
			}
			topics.add(new TopicDescriptor(this.prefix.logicalName(topic), topic,
					(described != null) ? described.failure() : null, partitions));
		}
		GroupDescriptor groupDescriptor = (physicalGroup != null) ? new GroupDescriptor(
				this.prefix.logicalName(physicalGroup), physicalGroup, (group != null) ? group.state() : null,
				(group != null) ? group.members() : null, (group != null) ? group.failure() : null) : null;
		ConsumerStoppedEvent.Reason reason = this.stops.getReason(container.getListenerId());
		return new ListenerDescriptor(state(container),
				(reason != null) ? reason.name().toLowerCase(Locale.ROOT) : null, groupDescriptor, topics);
	}

	private static Collection<TopicPartition> assignedPartitions(MessageListenerContainer container) {
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		return (assigned != null) ? assigned : List.of();
	}

	private static List<TopicPartition> partitions(String topic, ClusterSnapshot.@Nullable Topic described,
			Collection<TopicPartition> assigned) {
		List<TopicPartition> partitions = new ArrayList<>();
		if (described != null && described.partitions() != null) {
			for (int partition = 0; partition < described.partitions(); partition++) {
				partitions.add(new TopicPartition(topic, partition));
			}
		}
		else {
			assigned.stream()
				.filter((partition) -> partition.topic().equals(topic))
				.sorted((left, right) -> Integer.compare(left.partition(), right.partition()))
				.forEach(partitions::add);
		}
		return partitions;
	}

	private static String state(MessageListenerContainer container) {
		if (!container.isRunning()) {
			return "stopped";
		}
		if (container.isContainerPaused()) {
			return "paused";
		}
		if (container.isPauseRequested()) {
			return "pausing";
		}
		return container.isInExpectedState() ? "running" : "degraded";
	}

	/**
	 * Description of the cluster, the listeners and the clients.
	 *
	 * @param cluster the cluster
	 * @param platform the detected platform ({@code heroku}, {@code msk_iam},
	 * {@code msk_scram}, {@code scram}, {@code oauth}, {@code sasl}, {@code ssl} or
	 * {@code plaintext})
	 * @param prefix the prefix of topics and groups, empty for none
	 * @param listeners the listener containers by id
	 * @param clients the effective settings by client type
	 * @param hints the active hints by cause
	 */
	public record KarafkaDescriptor(ClusterDescriptor cluster, String platform, String prefix,
			Map<String, ListenerDescriptor> listeners, Map<String, Map<String, @Nullable Object>> clients,
			Map<String, String> hints) implements OperationResponseBody {

	}

	/**
	 * Description of the cluster.
	 *
	 * @param available whether the cluster was described
	 * @param id the cluster id
	 * @param controller the controller
	 * @param brokers the brokers
	 * @param failure why the cluster is unavailable
	 */
	public record ClusterDescriptor(boolean available, @Nullable String id, ClusterSnapshot.@Nullable Broker controller,
			List<ClusterSnapshot.Broker> brokers, @Nullable ClusterAccessFailure failure) {

		static ClusterDescriptor of(ClusterSnapshot snapshot) {
			return new ClusterDescriptor(snapshot.isAvailable(), snapshot.clusterId(), snapshot.controller(),
					snapshot.brokers(), snapshot.failure());
		}

	}

	/**
	 * Description of a listener container.
	 *
	 * @param state {@code running}, {@code pausing}, {@code paused}, {@code degraded}
	 * (some consumers stopped) or {@code stopped}
	 * @param stopReason why a consumer last stopped ({@code normal}, {@code error},
	 * {@code fenced}, {@code auth}, {@code no_offset}, {@code abnormal})
	 * @param group the consumer group
	 * @param topics the topics
	 */
	public record ListenerDescriptor(String state, @Nullable String stopReason, @Nullable GroupDescriptor group,
			List<TopicDescriptor> topics) {

	}

	/**
	 * Description of a consumer group.
	 *
	 * @param logical the group id the application uses
	 * @param physical the group id the brokers see
	 * @param state the state the brokers give
	 * @param members the number of members the brokers give
	 * @param failure why the group could not be described
	 */
	public record GroupDescriptor(String logical, String physical, @Nullable String state, @Nullable Integer members,
			@Nullable ClusterAccessFailure failure) {

	}

	/**
	 * Description of a topic of a listener.
	 *
	 * @param logical the name the application uses
	 * @param physical the name the brokers see
	 * @param failure why the topic could not be described
	 * @param partitions the partitions
	 */
	public record TopicDescriptor(String logical, String physical, @Nullable ClusterAccessFailure failure,
			List<PartitionDescriptor> partitions) {

	}

	/**
	 * Description of a partition of a listener's topic.
	 *
	 * @param partition the partition number
	 * @param assigned whether a consumer of this process is assigned the partition
	 * @param committedOffset the group's committed offset
	 * @param endOffset the offset of the next record
	 * @param lag the records between the committed offset and the end
	 */
	public record PartitionDescriptor(int partition, boolean assigned, @Nullable Long committedOffset,
			@Nullable Long endOffset, @Nullable Long lag) {

	}

}
