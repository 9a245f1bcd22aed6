package dev.karafka.spring.autoconfigure;

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
 * Tests for the start-up warning about Kafka settings that neither the Java clients nor
 * librdkafka know.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownKafkaSettingsWarningTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class));

	@Test
	void unknownSettingsAreWarnedAboutOnceWithTheNameTheyProbablyMeanAndStillPassed(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("karafka.kafka[fetch.wait.max.msx]=100",
					"karafka.consumer.kafka[schema.registry.url]=http://registry:8081",
					"karafka.kafka[fetch.wait.max.ms]=100")
			.run((context) -> {
				assertThat(consumerConfig(context)).containsEntry("schema.registry.url", "http://registry:8081")
					.containsEntry("fetch.max.wait.ms", "100");
				String warning = "Passing settings that neither the Java Kafka clients nor librdkafka know";
				assertThat(output).containsOnlyOnce(warning)
					.contains("karafka.kafka.fetch.wait.max.msx (did you mean fetch.wait.max.ms?), "
							+ "karafka.consumer.kafka.schema.registry.url");
			});
	}

	@Test
	void knownSettingsAreNotWarnedAbout(CapturedOutput output) {
		this.contextRunner.withPropertyValues("karafka.kafka[fetch.wait.max.ms]=100", "karafka.kafka[acks]=all")
			.run((context) -> assertThat(output).doesNotContain("neither the Java Kafka clients nor librdkafka"));
	}

}
