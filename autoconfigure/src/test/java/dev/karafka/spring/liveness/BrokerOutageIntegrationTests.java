package dev.karafka.spring.liveness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.karafka.spring.liveness.LivenessTestApplication.get;
import static dev.karafka.spring.liveness.LivenessTestApplication.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker outage of twenty seconds under a running listener whose polling TTL is the
 * smallest its container allows (a poll timeout of half a second plus a commit timeout of
 * two seconds): liveness answers 200 on every sample while readiness is DOWN, and the
 * listener consumes again once the broker is back. The broker has a port and a data
 * directory of its own, so that it restarts with the same address and log.
 *
 * @author karafka-spring
 */
@SpringBootTest(classes = BrokerOutageIntegrationTests.OutageApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "karafka.liveness.polling-ttl=2500ms",
				"spring.kafka.listener.poll-timeout=500ms",
				"spring.kafka.consumer.properties[default.api.timeout.ms]=2000", "karafka.readiness.timeout=1s",
				"karafka.readiness.cache-time-to-live=1s", "spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.kafka.consumer.group-id=outage" })
class BrokerOutageIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	private static final String READINESS = "/actuator/health/readiness";

	private static final Duration OUTAGE = Duration.ofSeconds(20);

	private static final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	@TempDir
	static Path dataDirectory;

	private static int port;

	private static KafkaTestBroker broker;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private ConsumerThreads consumerThreads;

	@BeforeAll
	static void startBroker() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		broker = startBroker(port);
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("karafka.bootstrap-servers", () -> "localhost:" + port);
	}

	@Test
	void livenessStaysUpOnEverySampleWhileTheBrokerIsDown() throws Exception {
		this.template.send("outage", "before").get(30, TimeUnit.SECONDS);
		assertThat(received.poll(60, TimeUnit.SECONDS)).isEqualTo("before");
		assertThat(this.consumerThreads.states()).singleElement()
			.extracting(ConsumerThreadState::getPollingTtl)
			.isEqualTo(Duration.ofMillis(2500));
		broker.close();
		List<Integer> livenessStatuses = new ArrayList<>();
		List<Integer> readinessStatuses = new ArrayList<>();
		try {
			long end = System.nanoTime() + OUTAGE.toNanos();
			while (System.nanoTime() < end) {
				livenessStatuses.add(status(this.managementPort, LIVENESS));
				readinessStatuses.add(status(this.managementPort, READINESS));
				Thread.sleep(250);
			}
		}
		finally {
			broker = startBroker(port);
		}
		assertThat(livenessStatuses).hasSizeGreaterThan(15).containsOnly(200);
		assertThat(readinessStatuses).contains(503);
		await().atMost(Duration.ofSeconds(60)).until(() -> status(this.managementPort, READINESS) == 200);
		this.template.send("outage", "after").get(30, TimeUnit.SECONDS);
		assertThat(received.poll(60, TimeUnit.SECONDS)).isEqualTo("after");
		assertThat(get(this.managementPort, LIVENESS)).contains("\"consumerThreads\":1").doesNotContain("problems");
	}

	private static KafkaTestBroker startBroker(int port) {
		return KafkaTestBroker.builder()
			.listeners(Listener.PLAINTEXT)
			.port(Listener.PLAINTEXT, port)
			.dataDirectory(dataDirectory)
			.start();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OutageApplication {

		@Bean
		NewTopic outageTopic() {
			return TopicBuilder.name("outage").partitions(1).build();
		}

		@Bean
		OutageListener outageListener() {
			return new OutageListener();
		}

	}

	static class OutageListener {

		@KafkaListener(id = "outage", topics = "outage")
		void onRecord(String payload) {
			received.add(payload);
		}

	}

}
