package dev.karafka.spring.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.reliability.Recording.Processing;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A record the sample app cannot process (its value contains {@code fail}) arrives in the
 * middle of the stream, with a dead-letter topic configured.
 */
class DeadLetterReliabilityTests {

	private static final int RECORDS_PER_SECOND = 200;

	private static final String DEAD_LETTER_TOPIC = "users_events-dlt";

	private static final int MAX_RETRIES = 2;

	private static final String POISON_KEY = "user-poison";

	private static final String POISON = "{\"event\":\"user.fail\"}";

	private Scenario scenario;

	@AfterEach
	void closeScenario() {
		if (this.scenario != null) {
			this.scenario.close();
		}
	}

	@Test
	@Tag("full")
	void poisonRecordReachesDeadLetterTopicAfterRetriesAndTheRestOfItsPartitionIsProcessedOnceInOrder() {
		this.scenario = Scenario.start("5-poison-record", 3);
		SampleAppProcess app = this.scenario.start("app-1",
				List.of("karafka.dead-letter-queue.topic=" + DEAD_LETTER_TOPIC,
						"karafka.dead-letter-queue.max-retries=" + MAX_RETRIES));
		app.awaitReady(Scenario.START_TIMEOUT);
		this.scenario.awaitStableAssignment();
		RecordStream stream = this.scenario.stream(RECORDS_PER_SECOND);
		this.scenario.awaitProcessedCount(RECORDS_PER_SECOND);
		Instant disruptionStart = Instant.now();
		RecordId poison = stream.sendOne(POISON_KEY, POISON);
		await().atMost(Scenario.CONSUME_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.scenario.recording()
				.processed()
				.stream()
				.anyMatch((processing) -> processing.record().partition().equals(poison.partition())
						&& processing.record().offset() > poison.offset()));
		Instant disruptionEnd = Instant.now();
		stream.stop(Scenario.START_TIMEOUT);
		this.scenario.awaitProcessed(stream.acknowledged());
		Recording recording = this.scenario.recording();
		Tally tally = Tally.count(stream.acknowledged(), recording, disruptionStart, disruptionEnd);
		this.scenario.report("5. Poison record, dead-letter topic, %d retries".formatted(MAX_RETRIES), tally);
		assertThat(tally.lost()).isZero();
		assertThat(tally.duplicated()).isZero();
		assertThat(recording.failed()).extracting(Processing::record).containsOnly(poison).hasSize(MAX_RETRIES + 1);
		assertThat(recording.processed()).extracting(Processing::record).doesNotContain(poison);
		List<Long> partitionOffsets = recording.processed()
			.stream()
			.map(Processing::record)
			.filter((record) -> record.partition().equals(poison.partition()))
			.map(RecordId::offset)
			.toList();
		assertThat(partitionOffsets).isSorted().doesNotHaveDuplicates();
		assertThat(partitionOffsets).containsAll(stream.acknowledged()
			.stream()
			.filter((record) -> record.partition().equals(poison.partition()))
			.map(RecordId::offset)
			.toList());
		assertThat(deadLetters()).extracting(ConsumerRecord::key, ConsumerRecord::value)
			.containsExactly(tuple(POISON_KEY, POISON));
		assertThat(this.scenario.livenessFailures()).isEmpty();
		assertThat(app.readiness()).isEqualTo(200);
	}

	private List<ConsumerRecord<String, String>> deadLetters() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.scenario.bootstrapServers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (Consumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach(deadLetters::add);
				assertThat(deadLetters).isNotEmpty();
			});
			consumer.poll(Duration.ofSeconds(1)).forEach(deadLetters::add);
			return deadLetters;
		}
	}

}
