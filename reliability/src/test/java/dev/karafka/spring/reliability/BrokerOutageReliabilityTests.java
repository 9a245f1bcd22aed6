package dev.karafka.spring.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker is stopped mid-stream and started again on the same port with the same data,
 * while the sample app keeps running.
 */
class BrokerOutageReliabilityTests {

	private static final int RECORDS_PER_SECOND = 200;

	private static final Duration OUTAGE = Duration.ofSeconds(20);

	private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);

	private Scenario scenario;

	@AfterEach
	void closeScenario() {
		if (this.scenario != null) {
			this.scenario.close();
		}
	}

	@Test
	void brokerStoppedMidStreamForTwentySecondsLosesNothingAndConsumptionResumesByItself() throws Exception {
		this.scenario = Scenario.start("3-broker-outage", 3);
		SampleAppProcess app = this.scenario.start("app-1", List.of());
		app.awaitReady(Scenario.START_TIMEOUT);
		this.scenario.awaitStableAssignment();
		RecordStream stream = this.scenario.stream(RECORDS_PER_SECOND);
		this.scenario.awaitProcessedCount(3 * RECORDS_PER_SECOND);
		Instant disruptionStart = Instant.now();
		this.scenario.stopBroker();
		await().atMost(OUTAGE).pollInterval(Duration.ofMillis(500)).until(() -> app.readiness() == 503);
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), disruptionStart.plus(OUTAGE)).toMillis()));
		this.scenario.startBroker();
		Instant disruptionEnd = Instant.now();
		stream.stop(RECOVERY_TIMEOUT);
		this.scenario.awaitProcessed(stream.acknowledged());
		app.awaitReady(RECOVERY_TIMEOUT);
		Tally tally = Tally.count(stream.acknowledged(), this.scenario.recording(), disruptionStart, disruptionEnd);
		this.scenario.report("3. Broker stopped 20 s mid-stream, restarted (same port, same data)", tally);
		assertThat(tally.lost()).isZero();
		assertThat(tally.recovery()).as("time until every record is processed after the broker is back")
			.isLessThanOrEqualTo(RECOVERY_TIMEOUT);
		assertThat(this.scenario.livenessFailures()).isEmpty();
	}

}
