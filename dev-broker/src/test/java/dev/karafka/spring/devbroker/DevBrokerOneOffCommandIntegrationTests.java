package dev.karafka.spring.devbroker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.diagnostics.ClusterInfoCommand;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the one-off commands next to an application that runs on the
 * development broker: the application runs in this JVM with a development broker on a
 * port other than Kafka's default, and each command runs as a real child process of an
 * application without cluster settings, with the same {@code karafka.dev-broker.port}.
 */
class DevBrokerOneOffCommandIntegrationTests {

	private final int port = TestSocketUtils.findAvailableTcpPort();

	private final ApplicationContextRunner runningApplication = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DevBrokerAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("karafka.dev-broker.port=" + this.port);

	@Test
	void clusterInfoDescribesTheRunningApplicationsDevelopmentBroker() {
		this.runningApplication.run((context) -> {
			String clusterId;
			try (Admin admin = createAdmin()) {
				createTopicIfMissing(admin, "orders", 2);
				clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
			}
			Result result = run("--karafka.cluster-info", "--karafka.dev-broker.port=" + this.port);
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output())
				.contains("connecting to the in-process development broker of the running application on localhost:"
						+ this.port + " (karafka.dev-broker.port)")
				.contains("Cluster: " + clusterId)
				.contains("localhost:" + this.port)
				.contains("orders: 2 partition(s)")
				.doesNotContain("Started an in-process Kafka broker");
		});
	}

	@Test
	void clusterInfoWithoutTheRunningApplicationNamesTheDevelopmentBrokersPort() throws Exception {
		Result result = run("--karafka.cluster-info", "--karafka.dev-broker.port=" + this.port,
				"--karafka.readiness.timeout=3s");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ClusterInfoCommand.UNAVAILABLE);
		assertThat(result.output()).contains("Cluster unavailable: unreachable")
			.contains("Bootstrap servers: localhost:" + this.port + ", from 'karafka.dev-broker.port' (the in-process "
					+ "development broker of the running application, which must be up)")
			.contains("TCP localhost:" + this.port + ": connection refused: nothing listens on this port of ")
			.doesNotContain("Started an in-process Kafka broker");
	}

	@Test
	void secondInstanceFromTheSameDirectoryFailsWithoutTouchingTheRunningBroker() {
		this.runningApplication.run((context) -> {
			Path certificate = context.getBean(KafkaTestBroker.class).dataDirectory().resolve("certificates/ca.pem");
			String certificateBefore = Files.readString(certificate);
			Result result = run("--karafka.dev-broker.port=" + TestSocketUtils.findAvailableTcpPort());
			assertThat(result.exitCode()).as(result.output()).isNotZero();
			assertThat(result.output()).contains("APPLICATION FAILED TO START")
				.contains("is in use by the development broker of another running application")
				.contains("'karafka.bootstrap-servers'")
				.doesNotContain("for development only, with its data in");
			assertThat(Files.readString(certificate)).isEqualTo(certificateBefore);
			try (Admin admin = createAdmin()) {
				createTopicIfMissing(admin, "after-second-instance", 1);
				assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("after-second-instance");
			}
		});
	}

	@Test
	void deadLetterReplayCopiesRecordsOnTheRunningApplicationsDevelopmentBroker() {
		this.runningApplication.run((context) -> {
			String deadLetters = "orders-dlt-" + UUID.randomUUID();
			try (Admin admin = createAdmin()) {
				createTopicIfMissing(admin, "orders", 2);
				admin.createTopics(List.of(new NewTopic(deadLetters, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			String order = "order-" + UUID.randomUUID();
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringSerializer(),
					new StringSerializer())) {
				ProducerRecord<String, String> record = new ProducerRecord<>(deadLetters, order);
				record.headers()
					.add("source_topic", "orders".getBytes(StandardCharsets.UTF_8))
					.add("source_partition", "1".getBytes(StandardCharsets.UTF_8));
				producer.send(record).get(30, TimeUnit.SECONDS);
			}
			Result result = run("--karafka.dead-letter-replay.topic=" + deadLetters,
					"--karafka.dev-broker.port=" + this.port);
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output()).contains(
					"Copied 1 record(s) of " + deadLetters + "-0 [0, end) to the topics and partitions they came from");
			assertThat(readValues(new TopicPartition("orders", 1))).contains(order);
		});
	}

	/**
	 * Create a topic unless an earlier run created it: the development broker keeps its
	 * data under {@code target}.
	 */
	private static void createTopicIfMissing(Admin admin, String topic, int partitions) throws Exception {
		if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private String bootstrapServers() {
		return "localhost:" + this.port;
	}

	private Admin createAdmin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
	}

	private List<String> readValues(TopicPartition partition) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			List<String> values = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
				return consumer.position(partition) >= consumer.endOffsets(List.of(partition)).get(partition);
			});
			return values;
		}
	}

	private static Result run(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(DevBrokerCommandTestApplication.class.getName());
		command.addAll(List.of(args));
		Path output = Files.createTempFile("dev-broker-command", ".txt");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().keySet().removeIf((name) -> name.startsWith("KAFKA_") || name.startsWith("KARAFKA_"));
			Process process = builder.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				throw new AssertionError("The command did not exit:\n" + Files.readString(output));
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private record Result(int exitCode, String output) {

	}

}
