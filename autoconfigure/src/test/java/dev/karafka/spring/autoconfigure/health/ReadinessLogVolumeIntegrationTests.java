package dev.karafka.spring.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How much an application logs for a minute while its brokers refuse its SCRAM
 * credentials, or while its bootstrap servers are unreachable, with a listener running:
 * readiness is DOWN naming the cause, liveness stays UP, and the log grows by a bounded
 * number of lines whatever the Kafka clients' own retry loops do.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadinessLogVolumeIntegrationTests {

	private static final Duration WINDOW = Duration.ofSeconds(60);

	private static final int MAX_LINES = 20;

	@Test
	@Tag("slow")
	void refusedScramCredentialsLogABoundedNumberOfLines(CapturedOutput output) {
		KafkaTestBroker broker = KafkaTestBroker.shared();
		try (ConfigurableApplicationContext context = run(
				"karafka.kafka[bootstrap.servers]=" + broker.bootstrapServers(Listener.SASL_SSL),
				"karafka.kafka[security.protocol]=SASL_SSL",
				"karafka.kafka[ssl.ca.pem]=" + broker.certificates().caCertificatePem(),
				"karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512",
				"karafka.kafka[sasl.username]=" + broker.scramUsername(),
				"karafka.kafka[sasl.password]=not-" + broker.scramPassword())) {
			assertBoundedWhileNotReady(context, output, "authentication");
		}
	}

	@Test
	@Tag("slow")
	void unreachableBootstrapServersLogABoundedNumberOfLines(CapturedOutput output) throws IOException {
		try (ConfigurableApplicationContext context = run("karafka.bootstrap-servers=localhost:" + unusedPort())) {
			assertBoundedWhileNotReady(context, output, "unreachable");
		}
	}

	@Test
	void topicCreationAtStartupAgainstAnUnreachableClusterLogsEachClientsRetriesOnce(CapturedOutput output)
			throws IOException {
		long before = connectionFailures(output);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LogVolumeApplication.class,
				TopicApplication.class)
			.properties("server.port=0", "spring.kafka.consumer.group-id=log-volume",
					"karafka.bootstrap-servers=localhost:" + unusedPort(), "spring.kafka.admin.operation-timeout=8s")
			.run()) {
			assertThat(connectionFailures(output) - before).as("connection failures logged while creating topics")
				.isBetween(1L, 4L);
		}
	}

	private static long connectionFailures(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains("could not be established")).count();
	}

	private void assertBoundedWhileNotReady(ConfigurableApplicationContext context, CapturedOutput output,
			String cause) {
		int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> get(port, "/actuator/health/readiness").contains("\"cause\":\"" + cause + "\""));
		long linesBefore = output.getOut().lines().count() + output.getErr().lines().count();
		List<Integer> liveness = new ArrayList<>();
		long end = System.nanoTime() + WINDOW.toNanos();
		while (System.nanoTime() < end) {
			liveness.add(status(port, "/actuator/health/liveness"));
			await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
		}
		long lines = output.getOut().lines().count() + output.getErr().lines().count() - linesBefore;
		assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
		assertThat(get(port, "/actuator/health/readiness")).contains("\"cause\":\"" + cause + "\"");
		assertThat(liveness).isNotEmpty().containsOnly(200);
		assertThat(lines).as("lines logged in %s", WINDOW).isLessThanOrEqualTo(MAX_LINES);
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(LogVolumeApplication.class)
			.properties("server.port=0", "spring.kafka.consumer.group-id=log-volume",
					"karafka.readiness.cache-time-to-live=1s", "karafka.readiness.timeout=1s")
			.properties(properties)
			.run();
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String get(int port, String path) {
		return response(port, path).body();
	}

	private static int status(int port, String path) {
		return response(port, path).statusCode();
	}

	private static HttpResponse<String> response(int port, String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LogVolumeApplication {

		@Bean
		RunningListener runningListener() {
			return new RunningListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TopicApplication {

		@Bean
		NewTopic logVolumeTopic() {
			return new NewTopic("log-volume-created", 1, (short) 1);
		}

	}

	static class RunningListener {

		@KafkaListener(id = "running", topics = "log-volume")
		void onRecord(String payload) {
		}

	}

}
