package dev.karafka.spring.reliability;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.reliability.Recording.Processing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The only consumer process of the sample app is stopped mid-stream, by {@code SIGKILL}
 * or {@code SIGTERM}, and started again.
 */
class ConsumerCrashReliabilityTests {

	private static final int RECORDS_PER_SECOND = 200;

	/**
	 * Consumer threads of the sample app's listener ({@code concurrency = "2"}).
	 */
	private static final int LISTENER_CONCURRENCY = 2;

	private Scenario scenario;

	@AfterEach
	void closeScenario() {
		if (this.scenario != null) {
			this.scenario.close();
		}
	}

	@Test
	void sigkillMidStreamLosesNothingAndDuplicatesOnlyWhatWasNotCommitted() {
		this.scenario = Scenario.start("1-sigkill", 3);
		SampleAppProcess app = this.scenario.start("app-1", List.of());
		app.awaitReady(Scenario.START_TIMEOUT);
		RecordStream stream = this.scenario.stream(RECORDS_PER_SECOND);
		this.scenario.awaitProcessedCount(3 * RECORDS_PER_SECOND);
		Instant disruptionStart = Instant.now();
		this.scenario.kill(app);
		long uncommitted = processedAtOrAfter(this.scenario.committedOffsets(), this.scenario.recording());
		SampleAppProcess restarted = this.scenario.start("app-1", List.of());
		restarted.awaitReady(Scenario.START_TIMEOUT);
		Instant disruptionEnd = Instant.now();
		stream.stop(Scenario.START_TIMEOUT);
		this.scenario.awaitProcessed(stream.acknowledged());
		Tally tally = Tally.count(stream.acknowledged(), this.scenario.recording(), disruptionStart, disruptionEnd);
		this.scenario.report("1. SIGKILL of the only consumer mid-stream, restart", tally);
		assertThat(tally.lost()).isZero();
		assertThat(tally.duplicated()).as("records processed at or after the committed offsets when killed")
			.isEqualTo(uncommitted);
		assertThat(tally.duplicated()).as("at most one poll per consumer thread, committed after the poll")
			.isLessThanOrEqualTo(LISTENER_CONCURRENCY * ConsumerConfig.DEFAULT_MAX_POLL_RECORDS);
		assertThat(this.scenario.livenessFailures()).isEmpty();
		assertThat(restarted.readiness()).isEqualTo(200);
	}

	@Test
	void sigtermMidStreamLosesNothingAndDuplicatesNothing() {
		this.scenario = Scenario.start("2-sigterm", 3);
		SampleAppProcess app = this.scenario.start("app-1", List.of());
		app.awaitReady(Scenario.START_TIMEOUT);
		RecordStream stream = this.scenario.stream(RECORDS_PER_SECOND);
		this.scenario.awaitProcessedCount(3 * RECORDS_PER_SECOND);
		Instant disruptionStart = Instant.now();
		this.scenario.terminate(app);
		SampleAppProcess restarted = this.scenario.start("app-1", List.of());
		restarted.awaitReady(Scenario.START_TIMEOUT);
		Instant disruptionEnd = Instant.now();
		stream.stop(Scenario.START_TIMEOUT);
		this.scenario.awaitProcessed(stream.acknowledged());
		Tally tally = Tally.count(stream.acknowledged(), this.scenario.recording(), disruptionStart, disruptionEnd);
		this.scenario.report("2. SIGTERM of the only consumer mid-stream, restart", tally);
		assertThat(tally.lost()).isZero();
		assertThat(tally.duplicated()).isZero();
		assertThat(this.scenario.livenessFailures()).isEmpty();
		assertThat(restarted.readiness()).isEqualTo(200);
	}

	private static long processedAtOrAfter(Map<String, Long> committedOffsets, Recording recording) {
		return recording.processed()
			.stream()
			.map(Processing::record)
			.filter((record) -> record.offset() >= committedOffsets.getOrDefault(record.partition(), 0L))
			.count();
	}

}
