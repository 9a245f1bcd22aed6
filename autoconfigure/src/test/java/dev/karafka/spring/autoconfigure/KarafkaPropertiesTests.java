package dev.karafka.spring.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaProperties}.
 *
 * @author karafka-spring
 */
class KarafkaPropertiesTests {

	@ParameterizedTest
	@CsvSource({ "PT0S, 0s", "PT-5S, -5s", "PT90S, 90s", "PT-2M, -2m", "PT3H, 3h", "PT48H, 2d", "PT1.5S, 1500ms",
			"PT-0.25S, -250ms", "PT0.000001S, 1000ns" })
	void durationsInReportsAreWrittenAsUsersWriteThem(String duration, String written) {
		assertThat(KarafkaProperties.written(Duration.parse(duration))).isEqualTo(written);
	}

}
