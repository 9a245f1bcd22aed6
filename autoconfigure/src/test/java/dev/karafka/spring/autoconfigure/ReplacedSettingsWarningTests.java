package dev.karafka.spring.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.consumerConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka setting given by two sources with different values is named in one start-up
 * warning, by origin, never by value.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplacedSettingsWarningTests {

	private static final String WARNING = "Kafka settings given by more than one source";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class));

	@Test
	void settingReplacedByAStrongerSourceIsWarnedAboutByOrigin(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("karafka.kafka[bootstrap.servers]=first-broker:9092",
					"karafka.bootstrap-servers=second-broker:9092")
			.run((context) -> {
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers", List.of("second-broker:9092"));
				assertThat(output).containsOnlyOnce(WARNING)
					.contains("'karafka.bootstrap-servers' replaces 'karafka.kafka.bootstrap.servers'; "
							+ "the other settings of the weaker sources still apply");
				assertThat(output.toString().lines().filter((line) -> line.contains(WARNING)))
					.allSatisfy((line) -> assertThat(line).doesNotContain("first-broker"));
			});
	}

	@Test
	void sameValueFromTwoSourcesIsNotWarnedAbout(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("karafka.kafka[bootstrap.servers]=broker:9092", "karafka.bootstrap-servers=broker:9092")
			.run((context) -> assertThat(output).doesNotContain(WARNING));
	}

	@Test
	void sameBootstrapServersAsAHerokuUrlAreNotWarnedAbout(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("KAFKA_URL=kafka://broker-1:9092, kafka://broker-2:9092",
					"karafka.bootstrap-servers=broker-1:9092,broker-2:9092")
			.run((context) -> {
				assertThat(consumerConfig(context)).containsEntry("bootstrap.servers",
						List.of("broker-1:9092", "broker-2:9092"));
				assertThat(output).doesNotContain(WARNING);
			});
	}

}
