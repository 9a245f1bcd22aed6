package dev.karafka.spring.autoconfigure.health;

import java.time.Duration;
import java.util.List;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.liveness.ConsumerThreadObserver;
import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.liveness.KarafkaLivenessHealthIndicator;
import dev.karafka.spring.liveness.LivenessMetrics;
import dev.karafka.spring.liveness.ShutdownTimeoutWarning;
import dev.karafka.spring.liveness.UntrackedContainers;
import dev.karafka.spring.liveness.WorkerFailureExit;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration for the liveness of consumer threads: their tracking, the
 * {@code karafka} health contributor of the liveness group, its metrics, and the exit
 * with a failure status of a worker whose consumers failed ({@link WorkerFailureExit}).
 * Threads are tracked through the listener container factories that
 * {@link KarafkaAutoConfiguration} customizes, so this backs off when an application
 * excludes that configuration alone.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(after = KarafkaAutoConfiguration.class, before = KafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaTemplate.class, AbstractHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "karafka.liveness.enabled", matchIfMissing = true)
@ConditionalOnBean(ClientSettings.class)
@EnableConfigurationProperties(KarafkaProperties.class)
public final class KarafkaLivenessAutoConfiguration {

	/**
	 * Spring Boot's default of {@code spring.lifecycle.timeout-per-shutdown-phase}.
	 */
	private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Time between two checks of a worker's consumers by {@link WorkerFailureExit}.
	 */
	private static final Duration WORKER_CHECK_INTERVAL = Duration.ofSeconds(1);

	@Bean
	@ConditionalOnMissingBean
	ConsumerThreads karafkaConsumerThreads(KarafkaProperties properties,
			ObjectProvider<ConsumerThreadObserver> observers) {
		KarafkaProperties.Liveness liveness = properties.getLiveness();
		return new ConsumerThreads(liveness.getPollingTtl(), observers);
	}

	@Bean
	@ConditionalOnMissingBean
	UntrackedContainers karafkaUntrackedContainers(ConsumerThreads karafkaConsumerThreads,
			ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		return new UntrackedContainers(karafkaConsumerThreads, () -> {
			KafkaListenerEndpointRegistry endpointRegistry = registry.getIfAvailable();
			return (endpointRegistry != null) ? endpointRegistry.getAllListenerContainers() : List.of();
		});
	}

	@Bean
	ShutdownTimeoutWarning karafkaShutdownTimeoutWarning(ConsumerThreads karafkaConsumerThreads,
			KarafkaProperties properties, Environment environment) {
		Duration phaseTimeout = Binder.get(environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
		return new ShutdownTimeoutWarning(karafkaConsumerThreads, phaseTimeout, properties.getShutdownTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("karafka")
	static class LivenessHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KarafkaLivenessHealthIndicator karafkaHealthIndicator(ConsumerThreads karafkaConsumerThreads,
				KarafkaProperties properties, ObjectProvider<UntrackedContainers> untrackedContainers) {
			KarafkaProperties.Liveness liveness = properties.getLiveness();
			return new KarafkaLivenessHealthIndicator(karafkaConsumerThreads, liveness.getPollingTtl(),
					liveness.getConsumingTtl(), liveness.getStabilityTtl(), untrackedContainers.getIfAvailable());
		}

		@Bean
		@ConditionalOnMissingBean
		WorkerFailureExit karafkaWorkerFailureExit(ConsumerThreads karafkaConsumerThreads,
				ObjectProvider<KafkaListenerEndpointRegistry> registry,
				KarafkaLivenessHealthIndicator karafkaHealthIndicator) {
			return new WorkerFailureExit(karafkaConsumerThreads, () -> {
				KafkaListenerEndpointRegistry endpointRegistry = registry.getIfAvailable();
				return (endpointRegistry != null) ? endpointRegistry.getAllListenerContainers() : List.of();
			}, karafkaHealthIndicator, WORKER_CHECK_INTERVAL);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class LivenessMetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			LivenessMetrics karafkaLivenessMetrics(KarafkaLivenessHealthIndicator karafkaHealthIndicator,
					ConsumerThreads karafkaConsumerThreads) {
				return new LivenessMetrics(karafkaHealthIndicator, karafkaConsumerThreads);
			}

		}

	}

}
