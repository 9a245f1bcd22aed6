package dev.karafka.spring.connection;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SettingNames}.
 *
 * @author karafka-spring
 */
class SettingNamesTests {

	@Test
	void distanceCountsInsertionsDeletionsAndReplacements() {
		assertThat(SettingNames.distance("karafka.inital-offset", "karafka.initial-offset")).isOne();
		assertThat(SettingNames.distance("fetch.wait.max.msx", "fetch.wait.max.ms")).isOne();
		assertThat(SettingNames.distance("abc", "abd")).isOne();
		assertThat(SettingNames.distance("abc", "")).isEqualTo(3);
		assertThat(SettingNames.distance("kitten", "sitting")).isEqualTo(3);
	}

	@Test
	void distanceCountsASwapOfNeighboursAsOneError() {
		assertThat(SettingNames.distance("sasl.passwrod", "sasl.password")).isOne();
		assertThat(SettingNames.distance("ba", "ab")).isOne();
		assertThat(SettingNames.distance("abc", "ca")).isEqualTo(3);
	}

	@Test
	void closestIsTheNearestNameWithinTheDistance() {
		List<String> known = List.of("fetch.max.wait.ms", "fetch.wait.max.ms", "fetch.min.bytes");
		assertThat(SettingNames.closest("fetch.wait.max.msx", known, 2)).isEqualTo("fetch.wait.max.ms");
		assertThat(SettingNames.closest("schema.registry.url", known, 2)).isNull();
	}

}
