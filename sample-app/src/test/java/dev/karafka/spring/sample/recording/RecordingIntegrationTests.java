package dev.karafka.spring.sample.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the recording of processed records and rebalances.
 */
@KafkaTestBrokerConnection
@SpringBootTest(properties = { "management.server.port=0", "server.port=0", "sample.greeting-event.enabled=false",
		"spring.kafka.consumer.group-id=recording-tests" })
class RecordingIntegrationTests {

	@TempDir
	static Path directory;

	@Autowired
	private KafkaTemplate<String, String> kafkaTemplate;

	@DynamicPropertySource
	static void recordingFile(DynamicPropertyRegistry registry) {
		registry.add("sample.recording.file", () -> directory.resolve("recording.log").toString());
	}

	@Test
	void processedRecordAndAssignmentAreRecorded() throws Exception {
		var sent = this.kafkaTemplate.send("users_events", "7", "{\"event\":\"user.recorded\"}").get();
		String processed = "\\d+ processed \\S+ %s %d".formatted(
				sent.getRecordMetadata().topic() + "-" + sent.getRecordMetadata().partition(),
				sent.getRecordMetadata().offset());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(lines()).anySatisfy((line) -> assertThat(line).matches(processed))
				.anySatisfy((line) -> assertThat(line).matches("\\d+ assigned \\S+ \\d+ .*users_events-\\d.*")));
	}

	@Test
	void failedRecordIsRecordedAsFailed() throws Exception {
		var sent = this.kafkaTemplate.send("users_events", "8", "{\"event\":\"user.fail\"}").get();
		String failed = "\\d+ failed \\S+ %s %d".formatted(
				sent.getRecordMetadata().topic() + "-" + sent.getRecordMetadata().partition(),
				sent.getRecordMetadata().offset());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(lines()).anySatisfy((line) -> assertThat(line).matches(failed)));
	}

	private List<String> lines() throws Exception {
		Path file = directory.resolve("recording.log");
		return Files.exists(file) ? Files.readAllLines(file) : List.of();
	}

}
