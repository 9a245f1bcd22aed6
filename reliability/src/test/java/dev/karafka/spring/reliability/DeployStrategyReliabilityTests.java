package dev.karafka.spring.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the sample app consume a six-partition topic while they are deployed
 * again: one at a time ({@link Strategy#ROLLING}) or all stopped, then all started
 * ({@link Strategy#RECREATE}), with each way of assigning partitions, with and without
 * static membership.
 */
class DeployStrategyReliabilityTests {

	private static final int INSTANCES = 3;

	private static final int PARTITIONS = 6;

	private static final int RECORDS_PER_SECOND = 200;

	private Scenario scenario;

	@AfterEach
	void closeScenario() {
		if (this.scenario != null) {
			this.scenario.close();
		}
	}

	@Test
	void rollingRestartWithDefaultsLosesNothingAndDuplicatesNothing() {
		deploy(Strategy.ROLLING, Assignment.DEFAULT, false);
	}

	@Tag("full")
	@ParameterizedTest(name = "{0}, {1}, static membership: {2}")
	@MethodSource("deployments")
	void deployLosesNothingAndDuplicatesNothing(Strategy strategy, Assignment assignment, boolean staticMembership) {
		deploy(strategy, assignment, staticMembership);
	}

	static Stream<Arguments> deployments() {
		List<Arguments> deployments = new ArrayList<>();
		for (Strategy strategy : Strategy.values()) {
			for (Assignment assignment : Assignment.values()) {
				for (boolean staticMembership : new boolean[] { false, true }) {
					if (strategy != Strategy.ROLLING || assignment != Assignment.DEFAULT || staticMembership) {
						deployments.add(Arguments.of(strategy, assignment, staticMembership));
					}
				}
			}
		}
		return deployments.stream();
	}

	private void deploy(Strategy strategy, Assignment assignment, boolean staticMembership) {
		this.scenario = Scenario.start("4-%d-%d-%s".formatted(strategy.ordinal(), assignment.ordinal(),
				staticMembership ? "static" : "dynamic"), PARTITIONS);
		List<SampleAppProcess> apps = new ArrayList<>();
		for (int instance = 1; instance <= INSTANCES; instance++) {
			apps.add(startInstance(instance, assignment, staticMembership));
		}
		apps.forEach((app) -> app.awaitReady(Scenario.START_TIMEOUT));
		this.scenario.awaitStableAssignment();
		RecordStream stream = this.scenario.stream(RECORDS_PER_SECOND);
		this.scenario.awaitProcessedCount(3 * RECORDS_PER_SECOND);
		Instant disruptionStart = Instant.now();
		if (strategy == Strategy.ROLLING) {
			for (int instance = 1; instance <= INSTANCES; instance++) {
				this.scenario.terminate(apps.get(instance - 1));
				SampleAppProcess app = startInstance(instance, assignment, staticMembership);
				apps.set(instance - 1, app);
				app.awaitReady(Scenario.START_TIMEOUT);
				this.scenario.awaitStableAssignment();
			}
		}
		else {
			this.scenario.terminateAll(apps);
			apps.clear();
			for (int instance = 1; instance <= INSTANCES; instance++) {
				apps.add(startInstance(instance, assignment, staticMembership));
			}
			apps.forEach((app) -> app.awaitReady(Scenario.START_TIMEOUT));
			this.scenario.awaitStableAssignment();
		}
		Instant disruptionEnd = Instant.now();
		stream.stop(Scenario.START_TIMEOUT);
		this.scenario.awaitProcessed(stream.acknowledged());
		Tally tally = Tally.count(stream.acknowledged(), this.scenario.recording(), disruptionStart, disruptionEnd);
		this.scenario.report("4. %s, %s, %s".formatted(strategy, assignment,
				staticMembership ? "static membership" : "dynamic membership"), tally);
		assertThat(tally.lost()).isZero();
		assertThat(tally.duplicated()).isZero();
		assertThat(this.scenario.livenessFailures()).isEmpty();
		assertThat(apps).allSatisfy((app) -> assertThat(app.readiness()).isEqualTo(200));
	}

	private SampleAppProcess startInstance(int instance, Assignment assignment, boolean staticMembership) {
		String name = "app-" + instance;
		List<String> properties = new ArrayList<>(assignment.properties);
		if (staticMembership) {
			properties.add("karafka.kafka[group.instance.id]=" + name);
		}
		return this.scenario.start(name, properties);
	}

	enum Strategy {

		ROLLING("Rolling restart"), RECREATE("Recreate");

		private final String description;

		Strategy(String description) {
			this.description = description;
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

	enum Assignment {

		DEFAULT("default assignor"),

		COOPERATIVE_STICKY("cooperative-sticky",
				"karafka.consumer.kafka[partition.assignment.strategy]=cooperative-sticky"),

		CONSUMER_PROTOCOL("group.protocol=consumer", "karafka.consumer.kafka[group.protocol]=consumer");

		private final String description;

		private final List<String> properties;

		Assignment(String description, String... properties) {
			this.description = description;
			this.properties = List.of(properties);
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

}
