package dev.karafka.spring.autoconfigure.commit;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.commit.CommitFailures;
import dev.karafka.spring.commit.CommitMetrics;
import dev.karafka.spring.commit.ProcessedOffsetCommits;
import dev.karafka.spring.commit.ProcessedOffsetCommitsLifecycle;
import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.liveness.ConsumerThreads;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerContainerRegistry;

/**
 * Auto-configuration for Karafka's offset-commit model ({@link ProcessedOffsetCommits})
 * on the listener containers of Spring Boot's {@code kafkaListenerContainerFactory},
 * unless the application chose an ack mode ({@code spring.kafka.listener.ack-mode}).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(after = KarafkaAutoConfiguration.class, before = KafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaTemplate.class, KafkaProperties.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@ConditionalOnBean(ClientSettings.class)
public final class KarafkaCommitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CommitFailures karafkaCommitFailures() {
		return new CommitFailures();
	}

	@Bean
	static ProcessedOffsetCommitsPostProcessor karafkaProcessedOffsetCommitsPostProcessor(
			ObjectProvider<KafkaProperties> properties, ObjectProvider<CommitFailures> failures,
			ObjectProvider<ConsumerThreads> consumerThreads, ObjectProvider<KarafkaProperties> karafkaProperties) {
		return new ProcessedOffsetCommitsPostProcessor(properties, failures, consumerThreads, karafkaProperties);
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessedOffsetCommitsLifecycle karafkaProcessedOffsetCommitsLifecycle(
			ObjectProvider<ListenerContainerRegistry> registries) {
		return new ProcessedOffsetCommitsLifecycle(registries);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class CommitMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CommitMetrics karafkaCommitMetrics(CommitFailures failures) {
			return new CommitMetrics(failures);
		}

	}

}
