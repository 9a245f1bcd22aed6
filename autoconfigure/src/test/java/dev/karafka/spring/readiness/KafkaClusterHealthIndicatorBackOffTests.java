package dev.karafka.spring.readiness;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the back-off settings of the readiness admin client of
 * {@link KafkaClusterHealthIndicator}.
 *
 * @author karafka-spring
 */
class KafkaClusterHealthIndicatorBackOffTests {

	@Test
	void adminClientBacksOffAndDoesNotRebootstrapInALoop() {
		assertThat(KafkaClusterHealthIndicator.withBackOff(Map.of("bootstrap.servers", "localhost:9092")))
			.containsEntry("bootstrap.servers", "localhost:9092")
			.containsEntry("reconnect.backoff.max.ms", 10000)
			.containsEntry("retry.backoff.max.ms", 10000)
			.containsEntry("metadata.recovery.strategy", "none");
	}

	@Test
	void applicationsSettingsWin() {
		assertThat(KafkaClusterHealthIndicator
			.withBackOff(Map.of("reconnect.backoff.max.ms", 500, "metadata.recovery.strategy", "rebootstrap")))
			.containsEntry("reconnect.backoff.max.ms", 500)
			.containsEntry("metadata.recovery.strategy", "rebootstrap");
	}

}
