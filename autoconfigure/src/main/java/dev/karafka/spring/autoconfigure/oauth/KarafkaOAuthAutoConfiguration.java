package dev.karafka.spring.autoconfigure.oauth;

import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.oauth.OAuthTokenProvider;
import dev.karafka.spring.oauth.OAuthTokenProviderLoginCallbackHandler;
import dev.karafka.spring.oauth.OAuthTokenProviderRegistration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration for OAUTHBEARER clients whose tokens come from an
 * {@link OAuthTokenProvider} bean. When the effective {@code sasl.mechanism} of a client
 * is {@code OAUTHBEARER} and neither a login callback handler nor Kafka's OIDC token
 * endpoint is configured, the client logs in through
 * {@link OAuthTokenProviderLoginCallbackHandler}: the consumer and producer factories get
 * the provider itself, the admin client (whose configuration Spring Boot builds from
 * strings only) the id of its {@link OAuthTokenProviderRegistration}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class, after = KarafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaTemplate.class, KafkaProperties.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@ConditionalOnBean(ClientSettings.class)
public final class KarafkaOAuthAutoConfiguration {

	@Bean
	static OAuthKafkaPropertiesPostProcessor karafkaOAuthKafkaPropertiesPostProcessor(
			ObjectProvider<ClientSettings> settings, ObjectProvider<OAuthTokenProviderRegistration> registration) {
		return new OAuthKafkaPropertiesPostProcessor(settings, registration);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OAuthTokenProvider.class)
	static class TokenProviderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OAuthTokenProviderRegistration karafkaOAuthTokenProviderRegistration(OAuthTokenProvider provider) {
			return new OAuthTokenProviderRegistration(provider);
		}

		@Bean
		@ConditionalOnMissingBean(name = "karafkaOAuthConsumerFactoryCustomizer")
		DefaultKafkaConsumerFactoryCustomizer karafkaOAuthConsumerFactoryCustomizer(OAuthTokenProvider provider) {
			return (factory) -> {
				if (usesTokenProvider(factory.getConfigurationProperties())) {
					factory
						.updateConfigs(Map.of(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, provider));
				}
			};
		}

		@Bean
		@ConditionalOnMissingBean(name = "karafkaOAuthProducerFactoryCustomizer")
		DefaultKafkaProducerFactoryCustomizer karafkaOAuthProducerFactoryCustomizer(OAuthTokenProvider provider) {
			return (factory) -> {
				if (usesTokenProvider(factory.getConfigurationProperties())) {
					factory
						.updateConfigs(Map.of(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, provider));
				}
			};
		}

		private static boolean usesTokenProvider(Map<String, Object> configuration) {
			return configuration.containsKey(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG);
		}

	}

}
