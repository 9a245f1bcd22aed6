package dev.karafka.spring.diagnostics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.Assert;

/**
 * Prints the cluster info ({@code Karafka::Admin.cluster_info}, the first diagnostic step
 * of Karafka's deployment guide): the brokers, the topics of the application's listeners
 * with their partitions and the consumer groups as the brokers see them, and for each
 * failure the setting or ACL that is the likely cause. The exit code is {@code 0} when
 * everything could be read, {@link #UNAVAILABLE} when the cluster could not be described
 * and {@link #DENIED} when a topic or group could not be read. Nothing but names,
 * offsets, broker addresses and the Kafka client's error messages is printed.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ClusterInfoCommand implements ApplicationRunner, ExitCodeGenerator, Ordered {

	/**
	 * Exit code when the cluster could not be described.
	 */
	public static final int UNAVAILABLE = 1;

	/**
	 * Exit code when a topic or group of the application could not be read.
	 */
	public static final int DENIED = 2;

	private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

	private final ClusterInspector inspector;

	private final Supplier<Collection<MessageListenerContainer>> containers;

	private final NamePrefix prefix;

	private final Supplier<ConnectionPlatform> platform;

	private final Supplier<@Nullable BootstrapServers> bootstrapServers;

	private final PrintStream out;

	private int exitCode;

	/**
	 * Create a new instance.
	 * @param inspector the inspector of the cluster
	 * @param containers the listener containers whose topics and groups are shown
	 * @param prefix the prefix of the names the brokers see
	 * @param platform the detected platform
	 * @param bootstrapServers the bootstrap servers and where they come from, or
	 * {@code null} when unknown; printed when the cluster is unavailable, with a TCP
	 * connection tried to each when it did not answer
	 * @param out where to print
	 */
	public ClusterInfoCommand(ClusterInspector inspector, Supplier<Collection<MessageListenerContainer>> containers,
			NamePrefix prefix, Supplier<ConnectionPlatform> platform,
			Supplier<@Nullable BootstrapServers> bootstrapServers, PrintStream out) {
		Assert.notNull(inspector, "'inspector' must not be null");
		Assert.notNull(containers, "'containers' must not be null");
		Assert.notNull(prefix, "'prefix' must not be null");
		Assert.notNull(platform, "'platform' must not be null");
		Assert.notNull(bootstrapServers, "'bootstrapServers' must not be null");
		Assert.notNull(out, "'out' must not be null");
		this.inspector = inspector;
		this.containers = containers;
		this.prefix = prefix;
		this.platform = platform;
		this.bootstrapServers = bootstrapServers;
		this.out = out;
	}

	/**
	 * Run first, before the application's own runners.
	 * @return {@link Ordered#HIGHEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void run(ApplicationArguments args) {
		ClusterSnapshot snapshot = this.inspector.inspect(this.containers.get());
		this.out.println("Platform: " + this.platform.get().name().toLowerCase(Locale.ROOT) + ", prefix: "
				+ (this.prefix.isEmpty() ? "(none)" : "'" + this.prefix.value() + "'"));
		if (!snapshot.isAvailable()) {
			printFailure("Cluster unavailable", snapshot.failure());
			printBootstrapServers(snapshot.failure());
			this.exitCode = UNAVAILABLE;
		}
		else {
			print(snapshot);
		}
		this.out.flush();
	}

	private void print(ClusterSnapshot snapshot) {
		this.out.println("Cluster: " + snapshot.clusterId() + ", controller: "
				+ ((snapshot.controller() != null) ? snapshot.controller().id() : "none"));
		this.out.println("Brokers:");
		snapshot.brokers()
			.forEach((broker) -> this.out.println("  " + broker.id() + " " + broker.host() + ":" + broker.port()
					+ ((broker.rack() != null) ? " rack " + broker.rack() : "")));
		this.out.println("Topics:");
		snapshot.topics().forEach((name, topic) -> {
			if (topic.failure() != null) {
				printFailure("  " + names(name), topic.failure());
				this.exitCode = DENIED;
			}
			else {
				this.out.println("  " + names(name) + ": " + topic.partitions() + " partition(s), end offsets "
						+ offsets(name, snapshot.endOffsets()));
			}
		});
		this.out.println("Consumer groups:");
		snapshot.groups().forEach((name, group) -> {
			if (group.failure() != null) {
				printFailure("  " + names(name), group.failure());
				this.exitCode = DENIED;
			}
			else {
				this.out.println("  " + names(name) + ": " + group.state() + ", " + group.members()
						+ " member(s), committed offsets " + offsets(null, group.committedOffsets()));
			}
		});
	}

	private void printBootstrapServers(@Nullable ClusterAccessFailure failure) {
		BootstrapServers bootstrapServers = this.bootstrapServers.get();
		if (bootstrapServers == null) {
			return;
		}
		this.out.println("    Bootstrap servers: " + String.join(",", bootstrapServers.servers())
				+ ((bootstrapServers.origin() != null) ? ", from " + bootstrapServers.origin() : ""));
		if (failure != null && "unreachable".equals(failure.cause())) {
			BootstrapServerConnections.probe(bootstrapServers.servers(), CONNECTION_TIMEOUT)
				.forEach((connection) -> this.out.println("    TCP " + connection));
		}
	}

	private void printFailure(String subject, @Nullable ClusterAccessFailure failure) {
		if (failure != null) {
			this.out.println(subject + ": " + failure.cause() + " (" + failure.error() + ")");
			this.out.println("    Hint: " + failure.hint());
		}
	}

	private String names(String physical) {
		String logical = this.prefix.logicalName(physical);
		return logical.equals(physical) ? physical : logical + " (" + physical + ")";
	}

	private static String offsets(@Nullable String topic, Map<TopicPartition, Long> offsets) {
		StringBuilder text = new StringBuilder("{");
		offsets.entrySet()
			.stream()
			.filter((entry) -> topic == null || entry.getKey().topic().equals(topic))
			.sorted(Map.Entry.comparingByKey((left, right) -> left.toString().compareTo(right.toString())))
			.forEach((entry) -> text.append((text.length() > 1) ? ", " : "")
				.append((topic != null) ? String.valueOf(entry.getKey().partition()) : entry.getKey().toString())
				.append('=')
				.append(entry.getValue()));
		return text.append('}').toString();
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/**
	 * The bootstrap servers of the command's clients.
	 *
	 * @param servers the servers ({@code host:port})
	 * @param origin where they come from (for example
	 * {@code 'karafka.bootstrap-servers'}), or {@code null} when unknown
	 */
	public record BootstrapServers(List<String> servers, @Nullable Origin origin) {

	}

}
