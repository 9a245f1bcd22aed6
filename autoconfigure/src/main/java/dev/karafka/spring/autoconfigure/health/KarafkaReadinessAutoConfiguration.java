package dev.karafka.spring.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.readiness.KafkaClusterHealthIndicator;
import dev.karafka.spring.readiness.KafkaRetryLogFilter;
import dev.karafka.spring.readiness.ListenerAuthRetryTracker;
import dev.karafka.spring.readiness.ReadinessHints;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Auto-configuration for the readiness of Kafka applications: the {@code kafka} health
 * contributor of the readiness group and the tracking of listeners that retry
 * authentication or authorization. Consumers reconnect to unreachable brokers with a
 * back-off of up to ten seconds, as librdkafka's {@code reconnect.backoff.max.ms}, and
 * with Logback each retry message of the Kafka clients is logged once per ten minutes, so
 * that an outage or refused credentials do not fill the log. Unless probes are off
 * ({@code karafka.probes.enabled}, as in one-off commands), health calls answer at once
 * from the time the beans are created, and the first check of the cluster starts in the
 * background once the context is refreshed (listener containers and web server started),
 * so that it does not compete with the application's start-up.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaAdmin.class, AbstractHealthIndicator.class })
@ConditionalOnBean({ KafkaAdmin.class, ClientSettings.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "karafka.readiness.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("kafka")
@EnableConfigurationProperties(KarafkaProperties.class)
public final class KarafkaReadinessAutoConfiguration {

	private static final int RECONNECT_BACKOFF_MAX_MS = 10000;

	private static final Duration RETRY_LOG_QUIET_PERIOD = Duration.ofMinutes(10);

	@Bean
	@ConditionalOnMissingBean
	ListenerAuthRetryTracker karafkaListenerAuthRetryTracker() {
		return new ListenerAuthRetryTracker();
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer karafkaReconnectBackOffConsumerFactoryCustomizer() {
		return (factory) -> {
			if (!factory.getConfigurationProperties().containsKey(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG)) {
				factory.updateConfigs(Map.of(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MS));
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
	KafkaClusterHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin,
			ListenerAuthRetryTracker karafkaListenerAuthRetryTracker, KarafkaProperties properties,
			ObjectProvider<ReadinessHints> hints) {
		KarafkaProperties.Readiness readiness = properties.getReadiness();
		return new KafkaClusterHealthIndicator(kafkaAdmin, karafkaListenerAuthRetryTracker, readiness.getTimeout(),
				readiness.getCacheTimeToLive(), hints.getIfAvailable(() -> ReadinessHints.NONE));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "karafka.probes.enabled", matchIfMissing = true)
	SmartInitializingSingleton karafkaKafkaHealthIndicatorDeferredFirstCheck(
			ObjectProvider<KafkaClusterHealthIndicator> kafkaHealthIndicator) {
		return () -> kafkaHealthIndicator.ifUnique(KafkaClusterHealthIndicator::deferFirstCheck);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "karafka.probes.enabled", matchIfMissing = true)
	ApplicationListener<ContextRefreshedEvent> karafkaKafkaHealthIndicatorStartUpCheck(
			ObjectProvider<KafkaClusterHealthIndicator> kafkaHealthIndicator) {
		return (event) -> kafkaHealthIndicator.ifUnique(KafkaClusterHealthIndicator::checkInBackground);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
	static class RetryLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KafkaRetryLogFilter karafkaKafkaRetryLogFilter() {
			return new KafkaRetryLogFilter(RETRY_LOG_QUIET_PERIOD, Clock.systemUTC());
		}

		@Bean
		KafkaRetryLogFilterRegistrar karafkaKafkaRetryLogFilterRegistrar(
				KafkaRetryLogFilter karafkaKafkaRetryLogFilter) {
			return new KafkaRetryLogFilterRegistrar(karafkaKafkaRetryLogFilter);
		}

	}

}
