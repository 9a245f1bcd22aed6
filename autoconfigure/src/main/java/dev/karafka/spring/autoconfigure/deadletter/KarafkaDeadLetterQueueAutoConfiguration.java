package dev.karafka.spring.autoconfigure.deadletter;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.deadletter.DeadLetterMetrics;
import dev.karafka.spring.deadletter.DeadLetterQueueHealthIndicator;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the {@code deadLetterQueue} health contributor of the readiness
 * group and the metrics of failed dead-letter dispatches.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(after = KarafkaAutoConfiguration.class)
@ConditionalOnBean(DeadLetterDispatchFailures.class)
public final class KarafkaDeadLetterQueueAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractHealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("deadletterqueue")
	static class DeadLetterQueueHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "deadLetterQueueHealthIndicator")
		DeadLetterQueueHealthIndicator deadLetterQueueHealthIndicator(DeadLetterDispatchFailures failures) {
			return new DeadLetterQueueHealthIndicator(failures);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class DeadLetterMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeadLetterMetrics karafkaDeadLetterMetrics(DeadLetterDispatchFailures failures) {
			return new DeadLetterMetrics(failures);
		}

	}

}
