package dev.karafka.spring.autoconfigure.settings;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link KarafkaBindFailureAnalyzer}, through the failure analyzers of a real
 * {@link SpringApplication}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class KarafkaBindFailureAnalyzerTests {

	@Test
	void valueOutsideAnEnumerationIsReportedWithTheAcceptedValues(CapturedOutput output) {
		run("--karafka.initial-offset=middle");
		assertThat(output)
			.contains("Invalid setting 'karafka.initial-offset' (from \"karafka.initial-offset\" from property source "
					+ "\"commandLineArgs\"): 'middle' is not one of: earliest, latest.")
			.contains("Give one of: earliest, latest.")
			.doesNotContain("No enum constant");
	}

	@Test
	void badDurationIsReportedWithTheAcceptedForms(CapturedOutput output) {
		run("--karafka.pause.timeout=5parsecs");
		assertThat(output).contains("Invalid setting 'karafka.pause.timeout'")
			.contains("'5parsecs' is not a duration such as 500ms, 5s or 1m");
	}

	@Test
	void invalidSettingReportOfASetterIsKept(CapturedOutput output) {
		run("--karafka.checked.count=0");
		assertThat(output)
			.contains("Invalid setting 'karafka.checked.count' (from \"karafka.checked.count\" from property source "
					+ "\"commandLineArgs\"): it must be at least 1")
			.doesNotContain("is not a whole number");
	}

	@Test
	void otherSettingsAreLeftToSpringBoot(CapturedOutput output) {
		run("--karafka.initial-offset=latest", "--spring.main.banner-mode=x");
		assertThat(output).contains("Failed to bind properties under 'spring.main.banner-mode'")
			.doesNotContain("Invalid setting");
	}

	private static void run(String... args) {
		SpringApplication application = new SpringApplication(BindingConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run(args));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ KarafkaProperties.class, CheckedProperties.class })
	static class BindingConfiguration {

	}

	@ConfigurationProperties("karafka.checked")
	static class CheckedProperties {

		private int count = 1;

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			if (count < 1) {
				throw new InvalidSettingException("karafka.checked.count", "it must be at least 1", "Give 1 or more.");
			}
			this.count = count;
		}

	}

}
