package dev.karafka.spring.commit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.KafkaSettings;
import dev.karafka.spring.connection.KafkaSettingsTranslator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for Karafka's offset-commit settings in {@code karafka.kafka}: they map to the
 * starter's commit model and never make the Java client commit unprocessed records.
 *
 * @author karafka-spring
 */
class CommitSettingsTests {

	@Test
	void autoCommitFromAKarafkaConfigLeavesCommitsToTheContainers() {
		assertThat(translate("enable.auto.commit", "true").properties()).containsEntry("enable.auto.commit", "false");
		assertThat(translate("enable.auto.commit", "false").properties()).containsEntry("enable.auto.commit", "false");
	}

	@Test
	void autoCommitThatIsNoBooleanIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("enable.auto.commit", "yes please"))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("karafka.kafka.enable.auto.commit"));
	}

	@Test
	void offsetStoreAsKarafkaSetsItIsAccepted() {
		ClientSettings settings = translate("enable.auto.offset.store", "false");
		assertThat(settings.properties()).isEmpty();
		assertThat(settings.ignoredSettings()).isEmpty();
	}

	@Test
	void storingOffsetsOfUnprocessedRecordsIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("enable.auto.offset.store", "true"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.enable.auto.offset.store");
				assertThat(ex.getProblem()).contains("never processed");
			});
	}

	@Test
	void commitIntervalIsTheContainersInterval() {
		Map<String, String> properties = translate("auto.commit.interval.ms", "250").properties();
		assertThat(properties).containsEntry("auto.commit.interval.ms", "250");
		assertThat(ProcessedOffsetCommits.interval(properties)).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void commitIntervalDefaultsToOneSecond() {
		assertThat(ProcessedOffsetCommits.interval(Map.of())).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void commitIntervalThatIsNotPositiveIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("auto.commit.interval.ms", "0"))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("karafka.kafka.auto.commit.interval.ms"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("auto.commit.interval.ms", "5s"));
	}

	private static ClientSettings translate(String key, String value) {
		return KafkaSettingsTranslator
			.translate(new KafkaSettings().addAll(new LinkedHashMap<>(Map.of(key, value)), "karafka.kafka"));
	}

}
