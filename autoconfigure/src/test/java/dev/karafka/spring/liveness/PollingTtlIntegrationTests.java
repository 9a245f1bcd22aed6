package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.liveness.LivenessTestApplication.Gate;
import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.core.KafkaTemplate;

import static dev.karafka.spring.liveness.LivenessTestApplication.BLOCK;
import static dev.karafka.spring.liveness.LivenessTestApplication.get;
import static dev.karafka.spring.liveness.LivenessTestApplication.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The polling TTL alone: a thread that stops polling is reported, while its consumption
 * stays within a long consuming TTL. Idle threads wait three seconds in each poll, most
 * of the four-second polling TTL, and must not flap: only time beyond the poll timeout
 * counts.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = LivenessTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "karafka.liveness.polling-ttl=4s",
				"karafka.liveness.consuming-ttl=1h", "spring.kafka.listener.poll-timeout=3s",
				"spring.kafka.consumer.properties[default.api.timeout.ms]=1000",
				"spring.kafka.consumer.auto-offset-reset=earliest", "spring.kafka.consumer.group-id=polling-ttl" })
class PollingTtlIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	@LocalManagementPort
	private int port;

	@Autowired
	private Gate gate;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Test
	void threadThatStopsPollingIsDownWhileIdleThreadsWaitingInPollAreNot() throws Exception {
		await().during(Duration.ofSeconds(9))
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> status(this.port, LIVENESS) == 200);
		this.gate.close();
		try {
			this.template.send("liveness-batches", BLOCK).get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(30)).until(() -> status(this.port, LIVENESS) == 503);
			assertThat(get(this.port, LIVENESS))
				.contains("\"status\":\"polling_ttl_exceeded\"", "\"listenerId\":\"batches\"")
				.doesNotContain("consumption_ttl_exceeded");
		}
		finally {
			this.gate.open();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> status(this.port, LIVENESS) == 200);
	}

}
