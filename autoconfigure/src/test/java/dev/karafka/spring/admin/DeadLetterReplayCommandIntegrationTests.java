package dev.karafka.spring.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the refusals of {@link DeadLetterReplayCommand} against a real broker that
 * creates topics on demand, with a prefix: each checks the settings before copying
 * anything, and creates no topic. The command's run as its own process is tested by
 * {@code OneOffCommandIntegrationTests}.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = DeadLetterReplayCommandIntegrationTests.ReplayApplication.class,
		properties = { "karafka.prefix=tenant-7.", "spring.kafka.listener.auto-startup=false" })
class DeadLetterReplayCommandIntegrationTests {

	private static final String PREFIX = "tenant-7.";

	@Autowired
	private KarafkaAdmin admin;

	@Autowired
	private ConsumerFactory<Object, Object> consumerFactory;

	@Test
	void missingTopicIsRefusedNamingTheSettingAndIsNotCreated() throws Exception {
		Replay replay = replay(this.admin, "replay-missing-dlt", 0, null);
		assertThat(replay.exitCode()).isEqualTo(DeadLetterReplayCommand.FAILED);
		assertThat(replay.output()).contains("Replay of replay-missing-dlt-0 [0, end) refused: topic "
				+ "'replay-missing-dlt' of karafka.dead-letter-replay.topic does not exist (it was not created); "
				+ "nothing was copied");
		assertThat(topicNames()).as("the broker creates topics on demand, but not this one")
			.doesNotContain(PREFIX + "replay-missing-dlt");
	}

	@Test
	void missingPartitionIsRefusedNamingThePartitionCount() {
		Replay replay = replay(this.admin, "replay-dlt", 3, null);
		assertThat(replay.exitCode()).isEqualTo(DeadLetterReplayCommand.FAILED);
		assertThat(replay.output()).contains("Replay of replay-dlt-3 [0, end) refused: topic 'replay-dlt' has 1 "
				+ "partition(s), so karafka.dead-letter-replay.partition 3 does not exist (partitions are 0 to 0); "
				+ "nothing was copied");
	}

	@Test
	void missingToTopicIsRefusedNamingTheSettingAndIsNotCreated() throws Exception {
		Replay replay = replay(this.admin, "replay-dlt", 0, "orderz");
		assertThat(replay.exitCode()).isEqualTo(DeadLetterReplayCommand.FAILED);
		assertThat(replay.output()).contains("refused: topic 'orderz' of karafka.dead-letter-replay.to-topic does "
				+ "not exist (it was not created); nothing was copied");
		assertThat(topicNames()).doesNotContain(PREFIX + "orderz");
	}

	@Test
	void toTopicNameTheBrokersRejectFailsNamingTheSetting() {
		Replay replay = replay(this.admin, "replay-dlt", 0, "orders!");
		assertThat(replay.exitCode()).isEqualTo(DeadLetterReplayCommand.FAILED);
		assertThat(replay.output())
			.contains("failed: topic 'orders!' of karafka.dead-letter-replay.to-topic cannot be described");
	}

	@Test
	void unreachableClusterIsReportedAsSuchInsteadOfBlamingTheTopic() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Map<String, Object> unreachable = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				"127.0.0.1:" + closedPort, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
		KarafkaAdmin admin = new KarafkaAdmin(() -> Admin.create(unreachable), this.consumerFactory, () -> {
			throw new IllegalStateException("no producer is needed to refuse");
		}, NamePrefix.NONE, "replay-admin", Duration.ofSeconds(3));
		Replay replay = replay(admin, "orders-dlt", 0, null);
		assertThat(replay.exitCode()).isEqualTo(DeadLetterReplayCommand.FAILED);
		assertThat(replay.output())
			.contains("Replay of orders-dlt-0 [0, end) failed: no broker answered (the cluster is unreachable, or "
					+ "the application's development broker is not running; --karafka.cluster-info tells which): ")
			.doesNotContain("of karafka.dead-letter-replay.topic cannot be described");
	}

	private static Replay replay(KarafkaAdmin admin, String topic, int partition, @Nullable String toTopic) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		DeadLetterReplayCommand command = new DeadLetterReplayCommand(admin, topic, partition, 0, Long.MAX_VALUE,
				toTopic, new PrintStream(output, true, StandardCharsets.UTF_8));
		command.run(null);
		return new Replay(command.getExitCode(), output.toString(StandardCharsets.UTF_8));
	}

	private static Set<String> topicNames() throws Exception {
		try (Admin admin = KafkaTestBroker.shared().createAdmin()) {
			return admin.listTopics().names().get(30, TimeUnit.SECONDS);
		}
	}

	private record Replay(int exitCode, String output) {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ReplayApplication {

		@Bean
		NewTopic replayDeadLetters() {
			return TopicBuilder.name("replay-dlt").partitions(1).replicas(1).build();
		}

	}

}
