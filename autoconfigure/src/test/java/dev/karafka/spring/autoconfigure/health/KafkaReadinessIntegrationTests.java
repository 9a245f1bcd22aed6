package dev.karafka.spring.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the readiness and liveness probes of an application using a real
 * broker over HTTP. The application connects as a principal without ACLs to a broker
 * whose authorizer denies what no ACL allows: describing the cluster needs no ACL,
 * reading a topic does. A broker outage under a running listener is
 * {@code BrokerOutageIntegrationTests}.
 *
 * @author karafka-spring
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"management.endpoint.health.probes.enabled=true",
		"management.endpoint.health.group.readiness.include=readinessState,kafka",
		"management.endpoint.health.group.readiness.show-details=always", "karafka.readiness.timeout=1s",
		"karafka.readiness.cache-time-to-live=1s", "spring.kafka.listener.auth-exception-retry-interval=1s",
		"spring.kafka.security.protocol=SASL_PLAINTEXT", "spring.kafka.properties[sasl.mechanism]=OAUTHBEARER",
		"spring.kafka.properties[sasl.jaas.config]=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule "
				+ "required unsecuredLoginStringClaim_sub=\"alice\";" })
@DirtiesContext
class KafkaReadinessIntegrationTests {

	private static final String DENIED_LISTENER = "denied";

	private static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	static Path dataDirectory;

	private static int port;

	private static KafkaTestBroker broker;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private KafkaListenerEndpointRegistry listenerRegistry;

	private RestTestClient client;

	@BeforeAll
	static void startBroker() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		broker = restartBroker();
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("karafka.bootstrap-servers", () -> "localhost:" + port);
	}

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build();
	}

	@Test
	void readinessIsUpWhenTheBrokerIsUp() {
		probe("readiness").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.kafka.status")
			.isEqualTo("UP")
			.jsonPath("$.components.kafka.details.clusterId")
			.isNotEmpty()
			.jsonPath("$.components.kafka.details.nodes")
			.isEqualTo(1);
	}

	@Test
	void listenerDeniedByTheAuthorizerMakesReadinessDownWhileLivenessStaysUp() {
		MessageListenerContainer container = this.listenerRegistry.getListenerContainer(DENIED_LISTENER);
		container.start();
		try {
			awaitWhileLive(() -> probe("readiness").expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectBody()
				.jsonPath("$.components.kafka.details.cause")
				.isEqualTo("authorization")
				.jsonPath("$.components.kafka.details.listeners." + DENIED_LISTENER)
				.isEqualTo("authorization")
				.jsonPath("$.components.kafka.details.clusterId")
				.isNotEmpty());
		}
		finally {
			container.stop();
		}
		awaitWhileLive(() -> probe("readiness").expectStatus().isOk());
	}

	private void awaitWhileLive(ThrowingRunnable readinessAssertion) {
		await().atMost(AWAIT_TIMEOUT)
			.failFast("Liveness must stay UP", () -> !isLive())
			.untilAsserted(readinessAssertion);
	}

	private boolean isLive() {
		return probe("liveness").returnResult().getStatus().isSameCodeAs(HttpStatus.OK);
	}

	private ResponseSpec probe(String group) {
		return this.client.get().uri("/actuator/health/" + group).exchange();
	}

	private static KafkaTestBroker restartBroker() {
		return KafkaTestBroker.builder()
			.listeners(Listener.SASL_OAUTHBEARER)
			.port(Listener.SASL_OAUTHBEARER, port)
			.dataDirectory(dataDirectory)
			.authorizer(false)
			.start();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ReadinessApplication {

		@Bean
		DeniedListener deniedListener() {
			return new DeniedListener();
		}

	}

	static class DeniedListener {

		@KafkaListener(id = DENIED_LISTENER, topics = "denied-topic", groupId = "denied-group", autoStartup = "false")
		void onRecord(String payload) {
		}

	}

}
