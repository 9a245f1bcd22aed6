package dev.karafka.spring.diagnostics;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.admin.DeadLetterReplayCommand;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of the one-off commands, cluster info and dead-letter replay: the
 * test application's class path run as a real child process with
 * {@code --karafka.cluster-info} or {@code --karafka.dead-letter-replay.topic}, against
 * the SSL listener of a broker where the application's principal holds only PREFIXED
 * ACLs, configured by Heroku's variables, and against a closed port.
 *
 * @author karafka-spring
 */
class OneOffCommandIntegrationTests {

	private static final String PREFIX = "smoothboulder-1234.";

	private static KafkaTestBroker broker;

	@BeforeAll
	static void startBrokerWithPrefixedAcls() throws Exception {
		broker = KafkaTestBroker.builder()
			.listeners(Listener.SSL, Listener.PLAINTEXT)
			.authorizer(false)
			.superUser("User:ANONYMOUS")
			.start();
		try (Admin admin = broker.createAdmin()) {
			admin.createAcls(List.of(prefixedAcl(ResourceType.TOPIC), prefixedAcl(ResourceType.GROUP)))
				.all()
				.get(30, TimeUnit.SECONDS);
			admin.createTopics(List.of(new NewTopic(PREFIX + "orders", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void reachableClusterPrintsBrokersTopicsAndGroupsAndExitsWithZero() throws Exception {
		Result result = run(herokuEnvironment(PREFIX), "--karafka.cluster-info");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("Platform: heroku, prefix: '" + PREFIX + "'")
			.contains("Brokers:")
			.contains(":" + broker.bootstrapServers(Listener.SSL).split(":")[1])
			.contains("orders (" + PREFIX + "orders): 3 partition(s)")
			.contains("orders-service (" + PREFIX + "orders-service): ")
			.doesNotContain("Hint:")
			.doesNotContain("Greeting published")
			.doesNotContain("PRIVATE KEY")
			.doesNotContain(keyBody(broker.certificates().clientKeyPkcs1Pem()));
		try (Admin admin = broker.createAdmin()) {
			assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
				.extracting(ConsumerGroupListing::groupId)
				.as("the command joins no group")
				.doesNotContain(PREFIX + "orders-service");
		}
	}

	@Test
	void topicDeniedByAclsNamesThePrefixAndExitsWithDenied() throws Exception {
		Map<String, String> environment = herokuEnvironment(PREFIX);
		environment.remove("KAFKA_PREFIX");
		Result result = run(environment, "--karafka.cluster-info");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ClusterInfoCommand.DENIED);
		assertThat(result.output()).contains("orders: topic-authorization")
			.contains(
					"Hint: The principal may not use the topics [orders]. Check the prefix (karafka.prefix is empty)");
	}

	@Test
	void unreachableClusterPrintsTheHintAndExitsWithUnavailable() throws Exception {
		int port = closedPort();
		Result result = run(Map.of(), "--karafka.cluster-info", "--karafka.bootstrap-servers=127.0.0.1:" + port,
				"--karafka.readiness.timeout=3s");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ClusterInfoCommand.UNAVAILABLE);
		assertThat(result.output()).contains("Cluster unavailable: unreachable")
			.contains("Hint: No broker answered. Check the host and port of bootstrap.servers")
			.contains("Bootstrap servers: 127.0.0.1:" + port + ", from 'karafka.bootstrap-servers'")
			.contains("TCP 127.0.0.1:" + port + ": connection refused: nothing listens on this port of 127.0.0.1")
			.doesNotContain("AWS MSK")
			.doesNotContain("Kafka cluster is not ready");
	}

	@Test
	void unreachableMskClusterNamesTheMskPorts() throws Exception {
		Result result = run(Map.of(), "--karafka.cluster-info", "--karafka.bootstrap-servers=127.0.0.1:" + closedPort(),
				"--karafka.msk.iam.enabled=true", "--karafka.readiness.timeout=3s");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ClusterInfoCommand.UNAVAILABLE);
		assertThat(result.output()).contains("Platform: msk_iam")
			.contains("Cluster unavailable: unreachable")
			.contains("AWS MSK: 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM");
	}

	@Test
	void plaintextListenerDialledWithTlsPrintsTheTlsToPlaintextHint() throws Exception {
		TestCertificates certificates = broker.certificates();
		Result result = run(Map.of(), "--karafka.cluster-info",
				"--karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
				"--karafka.kafka[security.protocol]=SSL",
				"--karafka.kafka[ssl.ca.pem]=" + certificates.caCertificatePem(),
				"--karafka.kafka[ssl.certificate.pem]=" + certificates.clientCertificatePem(),
				"--karafka.kafka[ssl.key.pem]=" + certificates.clientKeyPkcs8Pem(), "--karafka.readiness.timeout=3s");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ClusterInfoCommand.UNAVAILABLE);
		assertThat(result.output()).contains("Cluster unavailable: tls-to-plaintext")
			.contains("Hint: The connection to the broker at localhost/127.0.0.1:"
					+ broker.bootstrapServers(Listener.PLAINTEXT).split(":")[1] + " ends during the TLS handshake")
			.contains("security.protocol is SSL")
			.doesNotContain("Hint: No broker answered")
			.doesNotContain(keyBody(certificates.clientKeyPkcs8Pem()));
	}

	@Test
	void unresolvableClusterPrintsTheDnsHintAndExitsWithUnavailable() throws Exception {
		Result result = run(Map.of(), "--karafka.cluster-info",
				"--karafka.bootstrap-servers=no-such-broker.invalid:9092");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ClusterInfoCommand.UNAVAILABLE);
		assertThat(result.output()).contains("Cluster unavailable: unreachable")
			.contains("Hint: No host of bootstrap.servers resolves in DNS")
			.contains("TCP no-such-broker.invalid:9092: the host does not resolve in DNS");
	}

	@Test
	void deadLetterReplayCopiesRecordsBackUnderThePrefixWithoutDeadLetterHeaders() throws Exception {
		String deadLetters = "replay-dlt";
		createPrefixedTopic(deadLetters);
		try (KafkaProducer<String, String> producer = broker.createStringProducer()) {
			for (String value : List.of("first", "second", "third")) {
				ProducerRecord<String, String> record = new ProducerRecord<>(PREFIX + deadLetters, value);
				record.headers()
					.add("source_topic", "orders".getBytes(StandardCharsets.UTF_8))
					.add("source_partition", "2".getBytes(StandardCharsets.UTF_8))
					.add("trace-id", value.getBytes(StandardCharsets.UTF_8));
				producer.send(record).get(30, TimeUnit.SECONDS);
			}
		}
		Result result = run(herokuEnvironment(PREFIX), "--karafka.dead-letter-replay.topic=" + deadLetters,
				"--karafka.dead-letter-replay.start-offset=1");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output())
			.contains("Copied 2 record(s) of replay-dlt-0 [1, end) to the topics and partitions " + "they came from")
			.doesNotContain("Greeting published")
			.doesNotContain(keyBody(broker.certificates().clientKeyPkcs1Pem()));
		List<ConsumerRecord<String, String>> replayed = readPartition(PREFIX + "orders", 2);
		assertThat(replayed).extracting(ConsumerRecord::value).containsExactly("second", "third");
		assertThat(replayed).allSatisfy((record) -> {
			assertThat(record.headers().lastHeader("source_topic")).isNull();
			assertThat(record.headers().lastHeader("trace-id")).isNotNull();
		});
	}

	@Test
	void deadLetterReplayOfRecordsWithoutSourceFailsCopyingNothing() throws Exception {
		String deadLetters = "replay-unknown-source-dlt";
		createPrefixedTopic(deadLetters);
		sendPrefixed(deadLetters, "orphan");
		Result result = run(herokuEnvironment(PREFIX), "--karafka.dead-letter-replay.topic=" + deadLetters);
		assertThat(result.exitCode()).as(result.output()).isEqualTo(DeadLetterReplayCommand.FAILED);
		assertThat(result.output()).contains("Replay of " + deadLetters + "-0 [0, end) failed: Record " + deadLetters
				+ "-0@0 has no source topic and partition headers: name the topic to replay it to "
				+ "(karafka.dead-letter-replay.to-topic when replaying from the command line)");
	}

	@Test
	void clusterInfoValueThatIsNotABooleanIsRefusedWithoutStartingTheApplication() throws Exception {
		Result result = run(herokuEnvironment(PREFIX), "--karafka.cluster-info=yes");
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output())
			.contains("Invalid setting 'karafka.cluster-info': 'yes' is neither true nor false (from ")
			.contains("Accepted values are true (or no value: --karafka.cluster-info)")
			.doesNotContain("Greeting published")
			.doesNotContain("Platform:");
		try (Admin admin = broker.createAdmin()) {
			assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
				.extracting(ConsumerGroupListing::groupId)
				.as("no listener joins its group")
				.doesNotContain(PREFIX + "orders-service");
		}
	}

	private static void createPrefixedTopic(String topic) {
		broker.createTopic(PREFIX + topic, 1);
	}

	private static void sendPrefixed(String topic, String value) throws Exception {
		try (KafkaProducer<String, String> producer = broker.createStringProducer()) {
			producer.send(new ProducerRecord<>(PREFIX + topic, value)).get(30, TimeUnit.SECONDS);
		}
	}

	private static List<ConsumerRecord<String, String>> readPartition(String topic, int partition) {
		TopicPartition topicPartition = new TopicPartition(topic, partition);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.PLAINTEXT)),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.assign(List.of(topicPartition));
			consumer.seekToBeginning(List.of(topicPartition));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long end = consumer.endOffsets(List.of(topicPartition)).get(topicPartition);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (consumer.position(topicPartition) < end && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			return records;
		}
	}

	private static Map<String, String> herokuEnvironment(String prefix) {
		TestCertificates certificates = broker.certificates();
		Map<String, String> environment = new HashMap<>();
		environment.put("KAFKA_URL", "kafka+ssl://" + broker.bootstrapServers(Listener.SSL));
		environment.put("KAFKA_TRUSTED_CERT", certificates.caCertificatePem());
		environment.put("KAFKA_CLIENT_CERT", certificates.clientCertificatePem());
		environment.put("KAFKA_CLIENT_CERT_KEY", certificates.clientKeyPkcs1Pem());
		environment.put("KAFKA_PREFIX", prefix);
		return environment;
	}

	private static Result run(Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ClusterInfoTestApplication.class.getName());
		command.addAll(List.of(args));
		Path output = Files.createTempFile("cluster-info", ".txt");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().keySet().removeIf((name) -> name.startsWith("KAFKA_"));
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				throw new AssertionError("The cluster-info command did not exit:\n" + Files.readString(output));
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static String keyBody(String pem) {
		String[] lines = pem.strip().split("\n");
		return lines[lines.length / 2];
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static AclBinding prefixedAcl(ResourceType type) {
		return new AclBinding(new ResourcePattern(type, PREFIX, PatternType.PREFIXED),
				new AccessControlEntry("User:CN=karafka-client", "*", AclOperation.ALL, AclPermissionType.ALLOW));
	}

	private record Result(int exitCode, String output) {

	}

}
