package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.karafka.spring.liveness.LivenessTestApplication.CountingRecordInterceptor;
import dev.karafka.spring.liveness.LivenessTestApplication.Gate;
import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static dev.karafka.spring.liveness.LivenessTestApplication.BLOCK;
import static dev.karafka.spring.liveness.LivenessTestApplication.get;
import static dev.karafka.spring.liveness.LivenessTestApplication.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Liveness over real HTTP, with listeners on a real broker that hang, idle, pause and
 * stop. Both TTLs are two seconds; containers poll every half second and commit within
 * 1.5 seconds, so two seconds is the smallest polling TTL they allow.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = LivenessTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=health,prometheus",
				"karafka.liveness.polling-ttl=2s", "karafka.liveness.consuming-ttl=2s",
				"spring.kafka.listener.poll-timeout=500ms", "spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.kafka.consumer.group-id=liveness",
				"spring.kafka.consumer.properties[default.api.timeout.ms]=1500" })
class LivenessIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Pattern STUCK_RECORDS_THREAD = Pattern
		.compile("\"listenerId\":\"records\",\"thread\":\"([^\"]+)\"");

	@LocalManagementPort
	private int port;

	@Autowired
	private Gate gate;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private CountingRecordInterceptor userInterceptor;

	@BeforeEach
	void allConsumersPoll() {
		await().atMost(WAIT)
			.until(() -> this.registry.getListenerContainers()
				.stream()
				.filter(MessageListenerContainer::isAutoStartup)
				.allMatch(MessageListenerContainer::isRunning));
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@AfterEach
	void openGate() {
		this.gate.open();
	}

	@Test
	void hangingRecordListenerIsDownNamingOnlyItsThreadThenUpAgain() throws Exception {
		this.gate.close();
		this.template.send("liveness-records", BLOCK).get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 503);
		String body = get(this.port, LIVENESS);
		assertThat(body).contains("\"status\":\"consumption_ttl_exceeded\"", "\"listenerId\":\"records\"",
				"\"exceededBy\":\"PT");
		assertThat(STUCK_RECORDS_THREAD.matcher(body).results().map((result) -> result.group(1)).distinct()).hasSize(1);
		assertThat(body).doesNotContain("\"listenerId\":\"idle\"", "\"listenerId\":\"batches\"");
		this.gate.open();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@Test
	void hangingBatchListenerIsDownThenUpAgain() throws Exception {
		this.gate.close();
		this.template.send("liveness-batches", BLOCK).get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 503);
		assertThat(get(this.port, LIVENESS)).contains("\"status\":\"consumption_ttl_exceeded\"",
				"\"listenerId\":\"batches\"");
		this.gate.open();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@Test
	void idleTopicsStayLiveForSeveralPollingTtls() {
		await().during(Duration.ofSeconds(7))
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> status(this.port, LIVENESS) == 200);
		assertThat(get(this.port, LIVENESS)).contains("\"consumerThreads\":6");
	}

	@Test
	void pausedContainerStaysLive() {
		MessageListenerContainer idle = this.registry.getListenerContainer("idle");
		idle.pause();
		try {
			await().atMost(WAIT).until(idle::isPauseRequested);
			await().during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(8))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> status(this.port, LIVENESS) == 200);
		}
		finally {
			idle.resume();
		}
	}

	@Test
	void containerStoppedByTheApplicationStaysLiveAndIsNoLongerTracked() {
		MessageListenerContainer stoppable = this.registry.getListenerContainer("stoppable");
		stoppable.stop();
		try {
			await().atMost(WAIT).until(() -> get(this.port, LIVENESS).contains("\"consumerThreads\":5"));
			await().during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(8))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> status(this.port, LIVENESS) == 200);
		}
		finally {
			stoppable.start();
		}
	}

	@Test
	void userRecordInterceptorStillRuns() throws Exception {
		int before = this.userInterceptor.intercepted.get();
		this.template.send("liveness-records", "hello").get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> this.userInterceptor.intercepted.get() > before);
	}

	@Test
	void prometheusShowsLivenessGauges() {
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(get(this.port, "/actuator/prometheus"))
				.contains("karafka_liveness_status 1.0")
				.containsPattern("karafka_consumer_poll_age_seconds\\{listener_id=\"idle\",thread=\"[^\"]+\"} ")
				.containsPattern(
						"karafka_consumer_consumption_duration_seconds\\{listener_id=\"records\",thread=\"[^\"]+\"} "));
	}

}
