package dev.karafka.spring.autoconfigure.streams;

import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.naming.NamePrefixStreamsBuilderFactoryBean;
import org.apache.kafka.streams.StreamsBuilder;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Makes the {@link StreamsBuilderFactoryBean} of {@code @EnableKafkaStreams}
 * (spring-kafka's {@code defaultKafkaStreamsBuilder} bean) a
 * {@link NamePrefixStreamsBuilderFactoryBean}, created as spring-kafka creates it: from
 * the {@code defaultKafkaStreamsConfig} bean, then given to every
 * {@link StreamsBuilderFactoryBeanConfigurer} in order. A
 * {@code defaultKafkaStreamsBuilder} bean of the application's own is left alone.
 *
 * @author karafka-spring
 */
class NamePrefixStreamsBuilderFactoryBeanRegistrar implements BeanDefinitionRegistryPostProcessor {

	private static final String BEAN_NAME = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME;

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(BEAN_NAME)) {
			return;
		}
		BeanDefinition definition = registry.getBeanDefinition(BEAN_NAME);
		String factoryBeanName = definition.getFactoryBeanName();
		if (factoryBeanName == null || !registry.containsBeanDefinition(factoryBeanName)
				|| !KafkaStreamsDefaultConfiguration.class.getName()
					.equals(registry.getBeanDefinition(factoryBeanName).getBeanClassName())) {
			return;
		}
		RootBeanDefinition replacement = new RootBeanDefinition(NamePrefixStreamsBuilderFactoryBeanRegistrar.class);
		replacement.setFactoryMethodName("defaultKafkaStreamsBuilder");
		replacement.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
		replacement.setTargetType(StreamsBuilderFactoryBean.class);
		replacement.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, StreamsBuilder.class);
		replacement.setRole(definition.getRole());
		replacement.setPrimary(definition.isPrimary());
		replacement.setLazyInit(definition.isLazyInit());
		registry.removeBeanDefinition(BEAN_NAME);
		registry.registerBeanDefinition(BEAN_NAME, replacement);
	}

	/**
	 * Create the factory bean as {@link KafkaStreamsDefaultConfiguration} does.
	 * @param streamsConfig the Kafka Streams settings
	 * @param configurers the configurers of the factory bean
	 * @param prefix the name prefix
	 * @return the factory bean
	 */
	static StreamsBuilderFactoryBean defaultKafkaStreamsBuilder(
			@Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME) ObjectProvider<KafkaStreamsConfiguration> streamsConfig,
			ObjectProvider<StreamsBuilderFactoryBeanConfigurer> configurers, ObjectProvider<NamePrefix> prefix) {
		KafkaStreamsConfiguration config = streamsConfig.getIfAvailable();
		if (config == null) {
			throw new UnsatisfiedDependencyException(KafkaStreamsDefaultConfiguration.class.getName(), BEAN_NAME,
					"streamsConfig",
					"There is no '" + KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME + "' "
							+ KafkaStreamsConfiguration.class.getName() + " bean in the application context.\n"
							+ "Consider declaring one or don't use @EnableKafkaStreams.");
		}
		StreamsBuilderFactoryBean factoryBean = new NamePrefixStreamsBuilderFactoryBean(config,
				prefix.getIfAvailable(() -> NamePrefix.NONE));
		configurers.orderedStream().forEach((configurer) -> configurer.configure(factoryBean));
		return factoryBean;
	}

}
