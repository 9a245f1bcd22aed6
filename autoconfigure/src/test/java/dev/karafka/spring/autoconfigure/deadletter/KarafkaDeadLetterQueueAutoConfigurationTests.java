package dev.karafka.spring.autoconfigure.deadletter;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.deadletter.DeadLetterMetrics;
import dev.karafka.spring.deadletter.DeadLetterQueueHealthIndicator;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaDeadLetterQueueAutoConfiguration}.
 *
 * @author karafka-spring
 */
class KarafkaDeadLetterQueueAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				KarafkaDeadLetterQueueAutoConfiguration.class));

	@Test
	void healthIndicatorAndMetricsShareTheDispatchFailures() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DeadLetterDispatchFailures.class)
				.hasSingleBean(DeadLetterMetrics.class)
				.hasBean("deadLetterQueueHealthIndicator");
			assertThat(context.getBean(DeadLetterQueueHealthIndicator.class).health(true).getStatus())
				.isEqualTo(Status.UP);
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.deadletterqueue.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DeadLetterQueueHealthIndicator.class)
				.hasSingleBean(DeadLetterMetrics.class));
	}

	@Test
	void applicationsOwnDispatchFailuresAreUsed() {
		DeadLetterDispatchFailures own = new DeadLetterDispatchFailures();
		this.contextRunner.withBean(DeadLetterDispatchFailures.class, () -> own)
			.run((context) -> assertThat(context.getBean(DeadLetterDispatchFailures.class)).isSameAs(own));
	}

	@Test
	void withoutMicrometerThereAreNoMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DeadLetterMetrics.class)
				.hasSingleBean(DeadLetterQueueHealthIndicator.class));
	}

	@Test
	void karafkaDisabledGivesNothing() {
		this.contextRunner.withPropertyValues("karafka.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DeadLetterDispatchFailures.class)
				.doesNotHaveBean(DeadLetterQueueHealthIndicator.class));
	}

}
