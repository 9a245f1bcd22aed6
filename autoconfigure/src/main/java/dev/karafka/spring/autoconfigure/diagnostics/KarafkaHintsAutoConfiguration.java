package dev.karafka.spring.autoconfigure.diagnostics;

import java.time.Clock;
import java.time.Duration;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.health.KarafkaReadinessAutoConfiguration;
import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.diagnostics.ListenerContainerTopics;
import dev.karafka.spring.diagnostics.hint.ClientErrorHints;
import dev.karafka.spring.diagnostics.hint.ClientLogHints;
import dev.karafka.spring.diagnostics.hint.TroubleshootingHints;
import dev.karafka.spring.heroku.HerokuKafkaSettings;
import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.readiness.KafkaRetryLogFilter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.origin.Origin;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Auto-configuration for the runtime hints of Kafka applications: the causes of Karafka's
 * troubleshooting lists detected from the errors of the readiness check and, with
 * Logback, from what the Kafka clients and spring-kafka log, each logged once at WARN and
 * shown by readiness and the {@code karafka} endpoint.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, KarafkaAutoConfiguration.class,
		KarafkaReadinessAutoConfiguration.class })
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean({ KafkaAdmin.class, ClientSettings.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
public final class KarafkaHintsAutoConfiguration {

	private static final Duration HINT_SILENCE = Duration.ofMinutes(5);

	@Bean
	@ConditionalOnMissingBean
	ClientErrorHints karafkaClientErrorHints(KafkaAdmin kafkaAdmin, ObjectProvider<NamePrefix> prefix,
			ObjectProvider<HerokuKafkaSettings> heroku, ObjectProvider<KafkaConnectionDetails> connectionDetails) {
		return new ClientErrorHints(prefix.getIfAvailable(() -> NamePrefix.NONE),
				kafkaAdmin::getConfigurationProperties, () -> {
					HerokuKafkaSettings herokuSettings = heroku.getIfAvailable();
					return herokuSettings != null && herokuSettings.isAttached();
				}, () -> bootstrapServersOrigin(connectionDetails.getIfUnique()));
	}

	private static @Nullable String bootstrapServersOrigin(@Nullable KafkaConnectionDetails connectionDetails) {
		Origin origin = Origin.from(connectionDetails);
		return (origin != null) ? origin.toString() : null;
	}

	@Bean
	@ConditionalOnMissingBean
	TroubleshootingHints karafkaTroubleshootingHints(ClientErrorHints karafkaClientErrorHints) {
		return new TroubleshootingHints(karafkaClientErrorHints, HINT_SILENCE, Clock.systemUTC());
	}

	@Bean
	ApplicationListener<ConsumerRetryAuthSuccessfulEvent> karafkaAuthorizationHintsListener(
			TroubleshootingHints karafkaTroubleshootingHints, ObjectProvider<NamePrefix> prefix) {
		return (event) -> {
			MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
			NamePrefix names = prefix.getIfAvailable(() -> NamePrefix.NONE);
			karafkaTroubleshootingHints.clearAuthorization(ListenerContainerTopics.group(container, names),
					ListenerContainerTopics.topics(container, names));
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
	static class ClientLogConfiguration {

		@Bean
		@ConditionalOnBean(KafkaRetryLogFilter.class)
		ClientLogHintsRegistrar karafkaClientLogHintsRegistrar(KafkaRetryLogFilter karafkaKafkaRetryLogFilter,
				TroubleshootingHints karafkaTroubleshootingHints, ClientErrorHints karafkaClientErrorHints) {
			return new ClientLogHintsRegistrar(karafkaKafkaRetryLogFilter,
					new ClientLogHints(karafkaTroubleshootingHints, karafkaClientErrorHints));
		}

	}

}
