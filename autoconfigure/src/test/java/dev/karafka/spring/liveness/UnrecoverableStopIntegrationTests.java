package dev.karafka.spring.liveness;

import java.time.Duration;

import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;

import static dev.karafka.spring.liveness.LivenessTestApplication.get;
import static dev.karafka.spring.liveness.LivenessTestApplication.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A container that stops on an unrecoverable error (here: no committed offset and
 * {@code auto.offset.reset=none}) makes liveness DOWN, and it stays DOWN, as Karafka's
 * {@code unrecoverable}.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = UnrecoverableStopIntegrationTests.NoOffsetApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.kafka.consumer.group-id=unrecoverable" })
class UnrecoverableStopIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	@LocalManagementPort
	private int port;

	@Test
	void containerStoppedOnMissingOffsetStaysDown() {
		await().atMost(Duration.ofSeconds(30)).until(() -> status(this.port, LIVENESS) == 503);
		assertThat(get(this.port, LIVENESS)).contains("\"status\":\"unrecoverable\"", "\"listenerId\":\"no-offset\"",
				"\"reason\":\"NO_OFFSET\"");
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> status(this.port, LIVENESS) == 503);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NoOffsetApplication {

		@Bean
		NewTopic noOffsetTopic() {
			return TopicBuilder.name("liveness-no-offset").partitions(1).build();
		}

		@Bean
		NoOffsetListener noOffsetListener() {
			return new NoOffsetListener();
		}

	}

	static class NoOffsetListener {

		@KafkaListener(id = "no-offset", topics = "liveness-no-offset", properties = "auto.offset.reset=none")
		void onRecord(String payload) {
		}

	}

}
