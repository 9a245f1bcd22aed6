package dev.karafka.spring.autoconfigure.streams;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.naming.StreamsBuilderFactoryBeanNamePrefixPostProcessor;
import dev.karafka.spring.naming.StreamsTopologyNamePrefixCheck;
import org.apache.kafka.streams.StreamsBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Auto-configuration for Kafka Streams ({@code @EnableKafkaStreams}): the Kafka Streams
 * clients get the karafka client settings, the {@code application.id} and the topics of
 * the topologies the {@link NamePrefix}, and start-up fails when a topology still names a
 * topic without it.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(after = KarafkaAutoConfiguration.class, before = KafkaAutoConfiguration.class)
@ConditionalOnClass({ StreamsBuilder.class, StreamsBuilderFactoryBean.class, KafkaProperties.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
public final class KarafkaStreamsAutoConfiguration {

	@Bean
	static KafkaStreamsPropertiesPostProcessor karafkaKafkaStreamsPropertiesPostProcessor(
			ObjectProvider<ClientSettings> settings) {
		return new KafkaStreamsPropertiesPostProcessor(settings);
	}

	@Bean
	static StreamsBuilderFactoryBeanNamePrefixPostProcessor karafkaStreamsBuilderFactoryBeanNamePrefixPostProcessor(
			ObjectProvider<NamePrefix> prefix) {
		return new StreamsBuilderFactoryBeanNamePrefixPostProcessor(prefix);
	}

	@Bean
	static NamePrefixStreamsBuilderFactoryBeanRegistrar karafkaNamePrefixStreamsBuilderFactoryBeanRegistrar() {
		return new NamePrefixStreamsBuilderFactoryBeanRegistrar();
	}

	@Bean
	StreamsTopologyNamePrefixCheck karafkaStreamsTopologyNamePrefixCheck(ObjectProvider<NamePrefix> prefix,
			ObjectProvider<StreamsBuilderFactoryBean> factoryBeans) {
		return new StreamsTopologyNamePrefixCheck(prefix.getIfAvailable(() -> NamePrefix.NONE), factoryBeans);
	}

}
