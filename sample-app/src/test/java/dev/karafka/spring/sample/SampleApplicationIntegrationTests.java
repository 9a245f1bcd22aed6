package dev.karafka.spring.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the users events service against a real broker.
 */
@KafkaTestBrokerConnection
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "sample.greeting-event.enabled=false" })
class SampleApplicationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ConsumerFactory<String, String> consumerFactory;

	@ParameterizedTest
	@ValueSource(strings = { MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE,
			MediaType.APPLICATION_FORM_URLENCODED_VALUE })
	void postedEventIsConsumedVerbatim(String contentType) {
		String userId = UUID.randomUUID().toString();
		String event = "{\"event\":\"user.deleted\"}";
		assertThat(publish(userId, MediaType.parseMediaType(contentType), event).getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(consumedEvents(userId)).singleElement()
				.satisfies((consumed) -> assertThat(consumed).containsEntry("payload", event)));
	}

	@Test
	void failingEventLandsOnDeadLetterTopicWithExceptionHeaders() {
		String userId = UUID.randomUUID().toString();
		String event = "{\"event\":\"user.fail\"}";
		assertThat(publish(userId, MediaType.APPLICATION_JSON, event).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		try (Consumer<String, String> consumer = this.consumerFactory.createConsumer(userId, null)) {
			consumer.subscribe(List.of(UsersEventsTopics.USERS_EVENTS_DLT));
			List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();
			await().atMost(TIMEOUT).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
				assertThat(deadLetters).filteredOn((record) -> userId.equals(record.key()))
					.singleElement()
					.satisfies((record) -> {
						assertThat(record.value()).isEqualTo(event);
						assertThat(headerValue(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
							.contains("Cannot process event of user " + userId);
						assertThat(headerValue(record, KafkaHeaders.DLT_ORIGINAL_TOPIC))
							.isEqualTo(UsersEventsTopics.USERS_EVENTS);
					});
			});
		}
		assertThat(consumedEvents(userId)).isEmpty();
	}

	@Test
	void healthIsUpOnManagementPort() {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			ResponseEntity<String> response = management("/actuator/health");
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody()).contains("\"status\":\"UP\"");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "liveness", "readiness" })
	void probeIsUpOnManagementPort(String probe) {
		await().atMost(TIMEOUT)
			.untilAsserted(
					() -> assertThat(management("/actuator/health/" + probe).getStatusCode()).isEqualTo(HttpStatus.OK));
	}

	@Test
	void prometheusEndpointExposesKafkaMetrics() {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			ResponseEntity<String> response = management("/actuator/prometheus");
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody()).contains("kafka_consumer_")
				.containsPattern(
						"karafka_consumer_poll_age_seconds\\{listener_id=\"users-events\",thread=\"users-events-\\d-C-1\"}")
				.contains("karafka_liveness_status 1.0");
		});
	}

	@Test
	void karafkaEndpointShowsTheClientsSettingsOnManagementPort() {
		ResponseEntity<String> response = management("/actuator/karafka");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody())
			.contains("\"key.deserializer\":\"org.apache.kafka.common.serialization.StringDeserializer\"");
	}

	private ResponseEntity<Void> publish(String userId, MediaType contentType, String event) {
		return client(this.port).post()
			.uri("/users/{id}/events", userId)
			.contentType(contentType)
			.body(event)
			.retrieve()
			.toBodilessEntity();
	}

	private List<Map<String, Object>> consumedEvents(String userId) {
		return client(this.port).get()
			.uri("/users/{id}/events", userId)
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
	}

	private ResponseEntity<String> management(String path) {
		return client(this.managementPort).get().uri(path).retrieve().toEntity(String.class);
	}

	private RestClient client(int port) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	private String headerValue(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as(name).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
