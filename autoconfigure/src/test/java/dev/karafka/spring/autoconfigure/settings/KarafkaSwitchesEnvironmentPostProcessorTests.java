package dev.karafka.spring.autoconfigure.settings;

import java.util.Arrays;

import dev.karafka.spring.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link KarafkaSwitchesEnvironmentPostProcessor}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class KarafkaSwitchesEnvironmentPostProcessorTests {

	@ParameterizedTest
	@ValueSource(strings = { "yes", "on", "1", "no" })
	void switchThatIsNeitherTrueNorFalseFailsNamingIt(String value) {
		for (String name : KarafkaSwitchesEnvironmentPostProcessor.SWITCHES) {
			assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> process(name + "=" + value))
				.satisfies((ex) -> {
					assertThat(ex.getSetting()).isEqualTo(name);
					assertThat(ex.getProblem()).isEqualTo("'" + value + "' is neither true nor false (from \"" + name
							+ "\" from property source \"commandLineArgs\")");
					assertThat(ex.getAction()).contains("true or false");
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "1", "on", "maybe" })
	void clusterInfoThatIsNeitherTrueNorFalseFailsNamingTheAcceptedValues(String value) {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> process("karafka.cluster-info=" + value))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.cluster-info");
				assertThat(ex.getProblem()).startsWith("'" + value + "' is neither true nor false (from ")
					.contains("karafka.cluster-info");
				assertThat(ex.getAction()).contains("true", "false", "--karafka.cluster-info");
			});
	}

	@Test
	void clusterInfoWithoutValueOrInAnyLetterCasePasses() {
		assertThatNoException().isThrownBy(() -> process("karafka.cluster-info"));
		assertThatNoException().isThrownBy(() -> process("karafka.cluster-info=False"));
	}

	@Test
	void invalidClusterInfoIsReportedWithTheOtherSwitches() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> process("karafka.readiness.enabled=", "karafka.cluster-info=yes"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.readiness.enabled");
				assertThat(ex.getSuppressed()).singleElement()
					.isInstanceOfSatisfying(InvalidSettingException.class,
							(other) -> assertThat(other.getSetting()).isEqualTo("karafka.cluster-info"));
			});
	}

	@Test
	void emptySwitchFails() {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> process("karafka.enabled="))
			.satisfies((ex) -> assertThat(ex.getProblem()).startsWith("it is empty (from "));
	}

	@Test
	void everyInvalidSwitchIsReportedAtOnce() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> process("karafka.liveness.enabled=on", "karafka.readiness.enabled=true",
					"karafka.supervision.enabled=1"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.liveness.enabled");
				assertThat(ex.getSuppressed()).singleElement()
					.isInstanceOfSatisfying(InvalidSettingException.class,
							(other) -> assertThat(other.getSetting()).isEqualTo("karafka.supervision.enabled"));
			});
	}

	@Test
	void trueAndFalseInAnyLetterCaseAndOtherSettingsPass() {
		assertThatNoException().isThrownBy(() -> process("karafka.enabled=TRUE", "karafka.liveness.enabled=False",
				"karafka.readiness.enabled=true", "management.health.karafka.enabled=yes"));
	}

	@Test
	void startupReportNamesTheSwitchInsteadOfAMissingHealthContributor(CapturedOutput output) {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--karafka.liveness.enabled=on"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("karafka.liveness.enabled")
			.contains("'on' is neither true nor false")
			.doesNotContain("does not exist");
	}

	private static void process(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource(
					Arrays.stream(args).map((arg) -> "--" + arg).toArray(String[]::new)));
		new KarafkaSwitchesEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
