package dev.karafka.spring.autoconfigure.health;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.deadletter.KarafkaDeadLetterQueueAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaHealthGroupsEnvironmentPostProcessor}.
 *
 * @author karafka-spring
 */
class KarafkaHealthGroupsEnvironmentPostProcessorTests {

	private static final String LIVENESS = "management.endpoint.health.group.liveness.include";

	private static final String READINESS = "management.endpoint.health.group.readiness.include";

	@Test
	void probeGroupsIncludeKarafkaContributorsWithDetails() {
		StandardEnvironment environment = postProcess(Map.of());
		assertThat(environment.getProperty(LIVENESS)).isEqualTo("livenessState,karafka");
		assertThat(environment.getProperty(READINESS)).isEqualTo("readinessState,kafka,deadLetterQueue");
		assertThat(environment.getProperty("management.endpoint.health.group.liveness.show-details"))
			.isEqualTo("always");
	}

	@Test
	void applicationGroupSettingsWin() {
		StandardEnvironment environment = postProcess(Map.of(LIVENESS, "livenessState"));
		assertThat(environment.getProperty(LIVENESS)).isEqualTo("livenessState");
		assertThat(environment.getProperty(READINESS)).isEqualTo("readinessState,kafka,deadLetterQueue");
	}

	@Test
	void disabledContributorsAreLeftOut() {
		StandardEnvironment environment = postProcess(
				Map.of("karafka.liveness.enabled", "false", "management.health.kafka.enabled", "false"));
		assertThat(environment.getProperty(LIVENESS)).isNull();
		assertThat(environment.getProperty(READINESS)).isNull();
	}

	@Test
	void disabledDeadLetterQueueContributorIsLeftOutOfReadiness() {
		StandardEnvironment environment = postProcess(Map.of("management.health.deadletterqueue.enabled", "false"));
		assertThat(environment.getProperty(READINESS)).isEqualTo("readinessState,kafka");
	}

	@Test
	void karafkaDisabledChangesNothing() {
		assertThat(postProcess(Map.of("karafka.enabled", "false")).getProperty(LIVENESS)).isNull();
	}

	@Test
	void contributorsOfExcludedAutoConfigurationsAreLeftOut() {
		StandardEnvironment environment = postProcess(
				Map.of("spring.autoconfigure.exclude", KarafkaLivenessAutoConfiguration.class.getName() + ","
						+ KarafkaDeadLetterQueueAutoConfiguration.class.getName()));
		assertThat(environment.getProperty(LIVENESS)).isNull();
		assertThat(environment.getProperty(READINESS)).isEqualTo("readinessState,kafka");
	}

	@Test
	void indexedExcludePropertyIsRead() {
		StandardEnvironment environment = postProcess(
				Map.of("spring.autoconfigure.exclude[0]", KarafkaReadinessAutoConfiguration.class.getName()));
		assertThat(environment.getProperty(LIVENESS)).isEqualTo("livenessState,karafka");
		assertThat(environment.getProperty(READINESS)).isNull();
	}

	@Test
	void exclusionsOfTheApplicationAnnotationAreRead() {
		StandardEnvironment environment = postProcess(Map.of(),
				new SpringApplication(LivenessExcludingApplication.class));
		assertThat(environment.getProperty(LIVENESS)).isNull();
		assertThat(environment.getProperty(READINESS)).isEqualTo("readinessState,kafka");
	}

	@Test
	void excludingTheStarterChangesNothing() {
		StandardEnvironment environment = postProcess(
				Map.of("spring.autoconfigure.exclude", KarafkaAutoConfiguration.class.getName()));
		assertThat(environment.getProperty(LIVENESS)).isNull();
		assertThat(environment.getProperty(READINESS)).isNull();
	}

	private static StandardEnvironment postProcess(Map<String, Object> properties) {
		return postProcess(properties, new SpringApplication());
	}

	private static StandardEnvironment postProcess(Map<String, Object> properties, SpringApplication application) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new KarafkaHealthGroupsEnvironmentPostProcessor().postProcessEnvironment(environment, application);
		return environment;
	}

	@SpringBootApplication(exclude = KarafkaLivenessAutoConfiguration.class,
			excludeName = "dev.karafka.spring.autoconfigure.deadletter.KarafkaDeadLetterQueueAutoConfiguration")
	static class LivenessExcludingApplication {

	}

}
