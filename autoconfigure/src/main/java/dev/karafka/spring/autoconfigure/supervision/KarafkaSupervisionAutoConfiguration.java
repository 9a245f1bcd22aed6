package dev.karafka.spring.autoconfigure.supervision;

import java.util.List;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.autoconfigure.health.KarafkaLivenessAutoConfiguration;
import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.liveness.KarafkaLivenessHealthIndicator;
import dev.karafka.spring.liveness.UntrackedContainers;
import dev.karafka.spring.supervision.ListenerSupervisor;
import dev.karafka.spring.supervision.SupervisedLivenessHealthIndicator;
import dev.karafka.spring.supervision.SupervisionMetrics;
import dev.karafka.spring.supervision.SupervisionPolicy;
import dev.karafka.spring.supervision.SupervisorObserver;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration for supervised mode: the {@link ListenerSupervisor} of the listener
 * containers, and the {@code karafka} liveness contributor that reports whether it is in
 * control, and the consumers' {@code max.poll.interval.ms} consistent with it
 * ({@link SupervisionPolicy#maxPollInterval()}). Requires the liveness tracking of
 * consumer threads.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(before = KarafkaLivenessAutoConfiguration.class)
@ConditionalOnClass({ KafkaTemplate.class, AbstractHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "karafka.liveness.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("karafka.supervision.enabled")
@EnableConfigurationProperties(KarafkaProperties.class)
public final class KarafkaSupervisionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ListenerSupervisor karafkaListenerSupervisor(KarafkaProperties properties, ConsumerThreads karafkaConsumerThreads,
			ObjectProvider<KafkaListenerEndpointRegistry> registry, ObjectProvider<SupervisorObserver> observers) {
		KarafkaProperties.Supervision supervision = properties.getSupervision();
		SupervisionPolicy policy = new SupervisionPolicy(supervision.getInterval(), supervision.getControllingTtl(),
				properties.getLiveness().getConsumingTtl(), supervision.getMaxRestarts(),
				supervision.getRestartWindow(), supervision.getMaxLeakedThreads());
		return new ListenerSupervisor(karafkaConsumerThreads, () -> {
			KafkaListenerEndpointRegistry endpointRegistry = registry.getIfAvailable();
			return (endpointRegistry != null) ? endpointRegistry.getAllListenerContainers() : List.of();
		}, policy, observers);
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer karafkaSupervisionConsumerFactoryCustomizer(
			ListenerSupervisor karafkaListenerSupervisor) {
		return new SupervisedConsumerFactoryCustomizer(karafkaListenerSupervisor.getPolicy().maxPollInterval());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class SupervisionMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SupervisionMetrics karafkaSupervisionMetrics(ListenerSupervisor karafkaListenerSupervisor) {
			return new SupervisionMetrics(karafkaListenerSupervisor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("karafka")
	static class SupervisedLivenessConfiguration {

		@Bean
		@ConditionalOnMissingBean(KarafkaLivenessHealthIndicator.class)
		SupervisedLivenessHealthIndicator karafkaHealthIndicator(ListenerSupervisor karafkaListenerSupervisor,
				ConsumerThreads karafkaConsumerThreads, KarafkaProperties properties,
				ObjectProvider<UntrackedContainers> untrackedContainers) {
			KarafkaProperties.Liveness liveness = properties.getLiveness();
			return new SupervisedLivenessHealthIndicator(karafkaListenerSupervisor, karafkaConsumerThreads,
					liveness.getPollingTtl(), liveness.getConsumingTtl(), liveness.getStabilityTtl(),
					untrackedContainers.getIfAvailable());
		}

	}

}
