package dev.karafka.spring.autoconfigure.settings;

import dev.karafka.spring.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DependentSettingsCheck}.
 *
 * @author karafka-spring
 */
class DependentSettingsCheckTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaSettingsCheckAutoConfiguration.class));

	@Test
	void supervisionWithoutLivenessFailsStartUpNamingBothSettings() {
		this.contextRunner.withPropertyValues("karafka.supervision.enabled=true", "karafka.liveness.enabled=false")
			.run((context) -> assertThat(context.getStartupFailure())
				.isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
					assertThat(ex.getSetting()).isEqualTo("karafka.supervision.enabled");
					assertThat(ex.getProblem()).contains("needs karafka.liveness.enabled, which is false");
					assertThat(ex.getAction()).contains("karafka.liveness.enabled=false",
							"karafka.supervision.enabled=true");
				}));
	}

	@Test
	void supervisionWithoutTheLivenessContributorFailsStartUp() {
		this.contextRunner
			.withPropertyValues("karafka.supervision.enabled=true", "management.health.defaults.enabled=false")
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("management.health.karafka.enabled"));
		this.contextRunner
			.withPropertyValues("karafka.supervision.enabled=true", "management.health.defaults.enabled=false",
					"management.health.karafka.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void supervisionWithLivenessOnByDefaultAndLivenessOffAloneStart() {
		this.contextRunner.withPropertyValues("karafka.supervision.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withPropertyValues("karafka.liveness.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
