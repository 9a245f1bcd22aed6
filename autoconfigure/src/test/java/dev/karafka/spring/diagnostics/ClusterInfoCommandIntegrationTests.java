package dev.karafka.spring.diagnostics;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of the cluster-info command: the test application's class path run as
 * a real child process with {@code --karafka.cluster-info}, against the SSL listener of a
 * broker where the application's principal holds only PREFIXED ACLs, configured by
 * Heroku's variables, and against a closed port.
 *
 * @author karafka-spring
 */
class ClusterInfoCommandIntegrationTests {

	private static final String PREFIX = "smoothboulder-1234.";

	private static KafkaTestBroker broker;

	@BeforeAll
	static void startBrokerWithPrefixedAcls() throws Exception {
		broker = KafkaTestBroker.builder().listeners(Listener.SSL).authorizer(false).start();
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
		Result result = run(Map.of(), "--karafka.cluster-info", "--karafka.bootstrap-servers=127.0.0.1:" + closedPort(),
				"--karafka.readiness.timeout=3s");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(ClusterInfoCommand.UNAVAILABLE);
		assertThat(result.output()).contains("Cluster unavailable: unreachable")
			.contains("Hint: No broker answered. Check the host and port of bootstrap.servers");
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
