package dev.karafka.spring.autoconfigure.settings;

import dev.karafka.spring.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownSettingsCheck}.
 *
 * @author karafka-spring
 */
class UnknownSettingsCheckTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaSettingsCheckAutoConfiguration.class));

	@Test
	void misspeltSettingFailsStartUpNamingTheSettingItProbablyMeans() {
		this.contextRunner.withPropertyValues("karafka.inital-offset=latest").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.inital-offset");
				assertThat(ex.getProblem()).contains("did you mean 'karafka.initial-offset'?");
			});
		});
	}

	@Test
	void everyUnknownSettingIsNamedWithSuggestionsOnlyWhenOneIsClose() {
		this.contextRunner.withPropertyValues("karafka.pause.timout=5s", "karafka.completely.unrelated=x")
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("'karafka.pause.timout'")
				.hasMessageContaining("did you mean 'karafka.pause.timeout'?")
				.hasMessageContaining("'karafka.completely.unrelated'")
				.hasMessageNotContaining("'karafka.completely.unrelated', did you mean"));
	}

	@Test
	void settingsReadOutsideTheBoundPropertiesAndMapKeysAreAccepted() {
		this.contextRunner
			.withPropertyValues("karafka.enabled=true", "karafka.readiness.enabled=false", "karafka.cluster-info=true",
					"karafka.dead-letter-replay.topic=orders.dlq", "karafka.kafka[fetch.wait.max.ms]=100",
					"karafka.kafka.bootstrap.servers=broker:9092", "karafka.consumer.kafka[max.poll.records]=5",
					"karafka.producer.kafka[acks]=all", "karafka.topics.orders.partitions=3",
					"karafka.bootstrap-servers[0]=broker:9092", "karafka.maxWaitTime=5s",
					"karafka.dev-broker.enabled=false", "karafka.initial-offset=latest")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void settingsOutsideKarafkaAreNotChecked() {
		this.contextRunner.withPropertyValues("karafkaa.initial-offset=latest", "spring.kafka.typo=1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void disabledStarterChecksNothing() {
		this.contextRunner.withPropertyValues("karafka.enabled=false", "karafka.inital-offset=latest")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
