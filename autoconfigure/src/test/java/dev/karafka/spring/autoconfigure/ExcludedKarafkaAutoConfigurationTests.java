package dev.karafka.spring.autoconfigure;

import dev.karafka.spring.commit.CommitMetrics;
import dev.karafka.spring.diagnostics.KarafkaEndpoint;
import dev.karafka.spring.diagnostics.hint.TroubleshootingHints;
import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.readiness.KafkaClusterHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of an application that excludes {@link KarafkaAutoConfiguration} alone, which the
 * start-up reports treat as the starter being off: the features that build on it back off
 * too, rather than half-working.
 *
 * @author karafka-spring
 */
class ExcludedKarafkaAutoConfigurationTests {

	private static final Class<?>[] FEATURE_BEANS = { CommitMetrics.class, KarafkaEndpoint.class,
			KafkaClusterHealthIndicator.class, TroubleshootingHints.class, ConsumerThreads.class };

	@Test
	void featuresBuiltOnTheCoreConfigurationBackOff() {
		contextRunner(false).run((context) -> {
			assertThat(context).hasNotFailed();
			for (Class<?> type : FEATURE_BEANS) {
				assertThat(context).doesNotHaveBean(type);
			}
		});
	}

	@Test
	void featuresArePresentWithTheCoreConfiguration() {
		contextRunner(true).run((context) -> {
			for (Class<?> type : FEATURE_BEANS) {
				assertThat(context).hasSingleBean(type);
			}
		});
	}

	private ApplicationContextRunner contextRunner(boolean core) {
		Class<?>[] starterConfigurations = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("dev.karafka.spring.")
					&& (core || !name.equals(KarafkaAutoConfiguration.class.getName())))
			.map((name) -> ClassUtils.resolveClassName(name, getClass().getClassLoader()))
			.toArray(Class<?>[]::new);
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(starterConfigurations))
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SslAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues("spring.kafka.listener.auto-startup=false", "karafka.probes.enabled=false",
					"management.endpoints.web.exposure.include=karafka");
	}

}
