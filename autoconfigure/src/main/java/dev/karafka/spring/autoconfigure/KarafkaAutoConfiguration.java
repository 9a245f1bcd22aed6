package dev.karafka.spring.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.ClientType;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.KafkaSettings;
import dev.karafka.spring.connection.KafkaSettingsTranslator;
import dev.karafka.spring.connection.PlatformKafkaSettings;
import dev.karafka.spring.connection.SecretSettings;
import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.heroku.HerokuKafkaSettings;
import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.naming.ConsumerFactoryNamePrefixPostProcessor;
import dev.karafka.spring.naming.ListenerIdGroupWarning;
import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.naming.NamePrefixAnnotationEnhancer;
import dev.karafka.spring.naming.NamePrefixConsumerPostProcessor;
import dev.karafka.spring.naming.NamePrefixProducerPostProcessor;
import dev.karafka.spring.naming.NamePrefixSeparatorWarning;
import dev.karafka.spring.naming.NewTopicNamePrefixPostProcessor;
import dev.karafka.spring.naming.RetryTopicConfigurationNamePrefixPostProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Auto-configuration that applies {@code karafka.*} settings to the Kafka clients of
 * Spring Boot's {@link KafkaAutoConfiguration}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class,
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnClass({ KafkaTemplate.class, KafkaProperties.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ KarafkaProperties.class, KafkaProperties.class })
public final class KarafkaAutoConfiguration {

	private static final Log logger = LogFactory.getLog(KarafkaAutoConfiguration.class);

	/**
	 * Kafka's legal topic name characters are ASCII letters, digits, '.', '_' and '-'.
	 */
	private static final Pattern INVALID_TOPIC_CHARACTERS = Pattern.compile("[^a-zA-Z0-9._-]");

	@Bean
	@ConditionalOnMissingBean
	ClientSettings karafkaClientSettings(KarafkaProperties properties,
			ObjectProvider<PlatformKafkaSettings> platforms) {
		KafkaSettings raw = new KafkaSettings();
		platforms.orderedStream().forEach((platform) -> platform.contributeTo(raw));
		ClientSettings settings = KafkaSettingsTranslator.translate(properties.addTo(raw),
				Map.of(ClientType.CONSUMER,
						new KafkaSettings().addAll(properties.getConsumer().getKafka(), "karafka.consumer.kafka"),
						ClientType.PRODUCER,
						new KafkaSettings().addAll(properties.getProducer().getKafka(), "karafka.producer.kafka")));
		if (!raw.replacements().isEmpty()) {
			logger.warn("Kafka settings given by more than one source, the stronger one wins (karafka.* over the "
					+ "platform's environment; a typed karafka.* setting over karafka.kafka[...]): "
					+ String.join(", ", raw.replacements()) + "; the other settings of the weaker sources still apply");
		}
		if (!settings.ignoredSettings().isEmpty()) {
			logger.warn("Ignoring librdkafka settings that have no meaning for the Java Kafka client: "
					+ String.join(", ", settings.ignoredSettings()));
		}
		if (!settings.normalizedSettings().isEmpty()) {
			logger.info("Read PEM text whose line breaks were written as a literal \\n with real line breaks: "
					+ String.join(", ", settings.normalizedSettings()));
		}
		return settings;
	}

	@Bean
	@ConditionalOnMissingBean(KafkaConnectionDetails.class)
	KarafkaConnectionDetails kafkaConnectionDetails(ClientSettings settings, KafkaProperties properties,
			ObjectProvider<SslBundles> sslBundles, Environment environment) {
		BootstrapServerSources.warnIfNoneOnPlatform(environment);
		return new KarafkaConnectionDetails(settings, properties, sslBundles.getIfAvailable(), environment);
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterDispatchFailures karafkaDeadLetterDispatchFailures() {
		return new DeadLetterDispatchFailures();
	}

	@Bean
	@ConditionalOnMissingBean
	NamePrefix karafkaNamePrefix(KarafkaProperties properties, ObjectProvider<HerokuKafkaSettings> heroku) {
		String prefix = properties.getPrefix();
		String origin = "karafka.prefix";
		if (prefix == null) {
			HerokuKafkaSettings herokuSettings = heroku.getIfAvailable();
			prefix = (herokuSettings != null) ? herokuSettings.prefix() : null;
			origin = (herokuSettings != null) ? herokuSettings.prefixVariable() : origin;
		}
		if (prefix != null && INVALID_TOPIC_CHARACTERS.matcher(prefix.trim()).find()) {
			throw new InvalidSettingException(origin,
					"'" + prefix + "' has characters Kafka does not accept in topic names",
					"Use only ASCII letters, digits, '.', '_' and '-', as Heroku's prefixes do (smoothboulder-1234.).");
		}
		return NamePrefix.of(prefix);
	}

	@Bean
	@ConditionalOnMissingBean
	NamePrefixSeparatorWarning karafkaNamePrefixSeparatorWarning(NamePrefix prefix,
			ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		return new NamePrefixSeparatorWarning(prefix, registry);
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer karafkaNamePrefixConsumerFactoryCustomizer(NamePrefix prefix) {
		return (factory) -> {
			if (!prefix.isEmpty()) {
				factory.addPostProcessor(new NamePrefixConsumerPostProcessor<>(prefix));
			}
		};
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer karafkaNamePrefixProducerFactoryCustomizer(NamePrefix prefix) {
		return (factory) -> {
			if (!prefix.isEmpty()) {
				factory.addPostProcessor(new NamePrefixProducerPostProcessor<>(prefix));
			}
		};
	}

	@Bean
	static KafkaPropertiesPostProcessor karafkaKafkaPropertiesPostProcessor(ObjectProvider<ClientSettings> settings,
			ObjectProvider<KarafkaProperties> properties, ObjectProvider<NamePrefix> prefix, Environment environment) {
		return new KafkaPropertiesPostProcessor(settings, properties, prefix, environment);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static NamePrefixAnnotationEnhancer karafkaNamePrefixAnnotationEnhancer(ObjectProvider<NamePrefix> prefix) {
		return new NamePrefixAnnotationEnhancer(() -> prefix.getIfAvailable(() -> NamePrefix.NONE));
	}

	@Bean
	ListenerIdGroupWarning karafkaListenerIdGroupWarning(
			NamePrefixAnnotationEnhancer karafkaNamePrefixAnnotationEnhancer,
			ObjectProvider<KafkaListenerEndpointRegistry> registry,
			ObjectProvider<ConsumerFactory<?, ?>> consumerFactory) {
		return new ListenerIdGroupWarning(karafkaNamePrefixAnnotationEnhancer, () -> {
			KafkaListenerEndpointRegistry endpointRegistry = registry.getIfAvailable();
			return (endpointRegistry != null) ? endpointRegistry.getAllListenerContainers() : List.of();
		}, () -> {
			ConsumerFactory<?, ?> factory = consumerFactory.getIfUnique();
			Object group = (factory != null) ? factory.getConfigurationProperties().get(ConsumerConfig.GROUP_ID_CONFIG)
					: null;
			return (group != null) ? group.toString() : null;
		});
	}

	@Bean
	static NewTopicNamePrefixPostProcessor karafkaNewTopicNamePrefixPostProcessor(ObjectProvider<NamePrefix> prefix) {
		return new NewTopicNamePrefixPostProcessor(prefix);
	}

	@Bean
	static RetryTopicConfigurationNamePrefixPostProcessor karafkaRetryTopicConfigurationNamePrefixPostProcessor(
			ObjectProvider<NamePrefix> prefix) {
		return new RetryTopicConfigurationNamePrefixPostProcessor(prefix);
	}

	@Bean
	static ConsumerFactoryNamePrefixPostProcessor karafkaConsumerFactoryNamePrefixPostProcessor(
			ObjectProvider<NamePrefix> prefix) {
		return new ConsumerFactoryNamePrefixPostProcessor(prefix);
	}

	@Bean
	static KafkaListenerContainerFactoryPostProcessor karafkaListenerContainerFactoryPostProcessor(
			ObjectProvider<KarafkaProperties> properties, ObjectProvider<ConsumerThreads> consumerThreads,
			ObjectProvider<CommonErrorHandler> errorHandler,
			ObjectProvider<ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>> containerCustomizer,
			ObjectProvider<KafkaOperations<?, ?>> template, ObjectProvider<NamePrefix> prefix,
			ObjectProvider<DeadLetterDispatchFailures> deadLetterDispatchFailures) {
		return new KafkaListenerContainerFactoryPostProcessor(properties, consumerThreads, errorHandler,
				containerCustomizer, template, prefix, deadLetterDispatchFailures);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "karafka.heroku.enabled", matchIfMissing = true)
	static class HerokuConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HerokuKafkaSettings herokuKafkaSettings(KarafkaProperties properties, Environment environment) {
			return new HerokuKafkaSettings(environment, properties.getHeroku().getEnvPrefix());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "karafkaSanitizingFunction")
		SanitizingFunction karafkaSanitizingFunction() {
			return (data) -> {
				if (SecretSettings.isSecret(data.getKey()) || (data.getValue() instanceof CharSequence value
						&& SecretSettings.hasSecretArgument(value.toString()))) {
					return data.withSanitizedValue();
				}
				if (data.getValue() instanceof CharSequence value && SecretSettings.hasUserInfo(value.toString())) {
					return data.withValue(SecretSettings.withoutUserInfo(value.toString()));
				}
				return data;
			};
		}

	}

}
