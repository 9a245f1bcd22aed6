package dev.karafka.spring.commit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.karafka.spring.commit.CommitTestApplication.ProcessedRecords;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The offset-commit model on a real broker: only processed records are committed, and
 * nothing processed is delivered again after a rebalance (eager, cooperative and the
 * consumer protocol) or a graceful stop; after a crash nothing is lost and about one
 * commit interval is delivered again.
 *
 * @author karafka-spring
 */
class ProcessedOffsetCommitsIntegrationTests {

	/**
	 * The broker's smallest session timeout, so that the partitions of a killed member go
	 * to the restarted one after 6 s rather than Kafka's default 45 s.
	 */
	private static final String SHORT_SESSION = "spring.kafka.consumer.properties[session.timeout.ms]=6000";

	private static final KafkaTestBroker broker = KafkaTestBroker.shared();

	private static final Duration WAIT = Duration.ofMinutes(2);

	private static final int RATE = 1000;

	private static final AtomicInteger sequence = new AtomicInteger();

	@ParameterizedTest
	@ValueSource(strings = { "karafka.enabled=true", "karafka.kafka.enable.auto.commit=true" })
	void failingRecordAndLaterOnesAreNeverCommitted(String setting) throws Exception {
		String topic = "commits-failing-" + sequence.incrementAndGet();
		String group = topic + "-group";
		broker.createTopic(topic, 1);
		try (KafkaProducer<String, String> producer = broker.createStringProducer()) {
			for (int i = 0; i < 10; i++) {
				producer.send(new ProducerRecord<>(topic, (i == 5) ? CommitTestApplication.POISON : "record-" + i))
					.get(10, TimeUnit.SECONDS);
			}
		}
		try (ConfigurableApplicationContext application = start(topic, group, setting);
				Admin admin = broker.createAdmin()) {
			ProcessedRecords processed = application.getBean(ProcessedRecords.class);
			await().atMost(WAIT).until(() -> committed(admin, group, topic) == 5);
			int attempts = processed.poisonAttempts.get();
			await().atMost(WAIT).until(() -> processed.poisonAttempts.get() >= attempts + 3);
			assertThat(committed(admin, group, topic)).isEqualTo(5);
			assertThat(processed.records).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "karafka.kafka.partition.assignment.strategy=range",
			"karafka.kafka.partition.assignment.strategy=cooperative-sticky", "karafka.kafka.group.protocol=consumer" })
	void partitionsRevokedMidStreamHaveTheirProcessedOffsetsCommitted(String protocol) throws Exception {
		String topic = "commits-revoked-" + sequence.incrementAndGet();
		String group = topic + "-group";
		broker.createTopic(topic, 4);
		try (ConfigurableApplicationContext first = start(topic, group, protocol);
				PacedProducer stream = startedWhenAssigned(first, topic, 4, 20 * RATE)) {
			ProcessedRecords firstRecords = first.getBean(ProcessedRecords.class);
			await().atMost(WAIT).until(() -> firstRecords.records.size() >= 2 * RATE);
			try (ConfigurableApplicationContext second = start(topic, group, protocol)) {
				ProcessedRecords secondRecords = second.getBean(ProcessedRecords.class);
				await().atMost(WAIT).until(() -> secondRecords.records.size() >= RATE / 2);
				Map<Integer, Integer> sent = stream.awaitSent();
				int total = sent.values().stream().mapToInt(Integer::intValue).sum();
				await().atMost(WAIT)
					.until(() -> new Deliveries(sent, List.of(Deliveries.snapshot(firstRecords.records),
							Deliveries.snapshot(secondRecords.records)))
						.lost() == 0);
				Deliveries deliveries = new Deliveries(sent,
						List.of(Deliveries.snapshot(firstRecords.records), Deliveries.snapshot(secondRecords.records)));
				assertThat(deliveries.duplicates()).as(deliveries.toString()).isZero();
				assertThat(deliveries.handOvers()).isNotEmpty()
					.allSatisfy((partition, offsets) -> assertThat(offsets[1])
						.as("first offset of partition %d " + "after the hand-over", partition)
						.isEqualTo(offsets[0] + 1));
				assertThat(total).isEqualTo(20 * RATE);
			}
		}
	}

	@Test
	void closedMidStreamRestartsWhereItStopped() throws Exception {
		String topic = "commits-closed-" + sequence.incrementAndGet();
		String group = topic + "-group";
		broker.createTopic(topic, 2);
		ConfigurableApplicationContext first = start(topic, group);
		try (PacedProducer stream = startedWhenAssigned(first, topic, 2, 8 * RATE)) {
			ProcessedRecords beforeClose;
			try (first) {
				beforeClose = first.getBean(ProcessedRecords.class);
				await().atMost(WAIT).until(() -> beforeClose.records.size() >= 2 * RATE);
			}
			List<String> processedBeforeClose = Deliveries.snapshot(beforeClose.records);
			try (ConfigurableApplicationContext restarted = start(topic, group)) {
				ProcessedRecords records = restarted.getBean(ProcessedRecords.class);
				Map<Integer, Integer> sent = stream.awaitSent();
				await().atMost(WAIT)
					.until(() -> new Deliveries(sent,
							List.of(processedBeforeClose, Deliveries.snapshot(records.records)))
						.lost() == 0);
				Deliveries deliveries = new Deliveries(sent,
						List.of(processedBeforeClose, Deliveries.snapshot(records.records)));
				assertThat(deliveries.duplicates()).as(deliveries.toString()).isZero();
			}
		}
	}

	@Test
	void killedMidStreamLosesNothingAndRedeliversAboutOneCommitInterval(@TempDir Path directory) throws Exception {
		String topic = "commits-killed-" + sequence.incrementAndGet();
		String group = topic + "-group";
		broker.createTopic(topic, 2);
		Path output = directory.resolve("processed.txt");
		Path log = directory.resolve("child.log");
		Files.createFile(output);
		Process child = new ProcessBuilder(javaCommand(topic, group, output, SHORT_SESSION)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		List<String> beforeKill;
		PacedProducer stream;
		try {
			await().atMost(WAIT).until(() -> Files.readString(log).contains("partitions assigned"));
			stream = new PacedProducer(bootstrapServers(), topic, 2, 20 * RATE, RATE);
			await().atMost(WAIT).until(() -> Files.readAllLines(output).size() >= 3 * RATE);
		}
		finally {
			child.destroyForcibly();
			child.waitFor(1, TimeUnit.MINUTES);
		}
		beforeKill = Files.readAllLines(output);
		try (stream; ConfigurableApplicationContext restarted = start(topic, group, SHORT_SESSION)) {
			ProcessedRecords records = restarted.getBean(ProcessedRecords.class);
			Map<Integer, Integer> sent = stream.awaitSent();
			await().atMost(WAIT)
				.until(() -> new Deliveries(sent, List.of(beforeKill, Deliveries.snapshot(records.records)))
					.lost() == 0);
			Deliveries deliveries = new Deliveries(sent, List.of(beforeKill, Deliveries.snapshot(records.records)));
			System.out.println("Killed with SIGKILL mid-stream at " + RATE + " records/s: " + deliveries);
			assertThat(deliveries.duplicates()).as(deliveries.toString()).isBetween(0, 2 * RATE);
		}
	}

	private static PacedProducer startedWhenAssigned(ConfigurableApplicationContext application, String topic,
			int partitions, int count) {
		KafkaListenerEndpointRegistry registry = application.getBean(KafkaListenerEndpointRegistry.class);
		await().atMost(WAIT).until(() -> !registry.getListenerContainer("commits").getAssignedPartitions().isEmpty());
		return new PacedProducer(bootstrapServers(), topic, partitions, count, RATE);
	}

	private static List<String> javaCommand(String topic, String group, Path output, String... settings) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(CommitTestApplication.class.getName());
		command.addAll(List.of(properties(topic, group)).stream().map((property) -> "--" + property).toList());
		command.addAll(Stream.of(settings).map((setting) -> "--" + setting).toList());
		command.add("--commit-test.output=" + output);
		command.add("--spring.main.web-application-type=none");
		return command;
	}

	private static ConfigurableApplicationContext start(String topic, String group, String... settings) {
		return new SpringApplicationBuilder(CommitTestApplication.class).web(WebApplicationType.NONE)
			.properties(properties(topic, group))
			.properties(settings)
			.run();
	}

	private static String[] properties(String topic, String group) {
		return new String[] { "spring.kafka.bootstrap-servers=" + bootstrapServers(),
				"spring.kafka.consumer.group-id=" + group, "karafka.initial-offset=earliest",
				"commit-test.topic=" + topic, "spring.main.banner-mode=off", "server.port=0" };
	}

	private static long committed(Admin admin, String group, String topic) throws Exception {
		OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS)
			.get(new TopicPartition(topic, 0));
		return (offset != null) ? offset.offset() : -1;
	}

	private static String bootstrapServers() {
		return broker.bootstrapServers(Listener.PLAINTEXT);
	}

}
