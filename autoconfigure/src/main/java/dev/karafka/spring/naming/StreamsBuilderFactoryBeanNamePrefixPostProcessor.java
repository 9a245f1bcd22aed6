package dev.karafka.spring.naming;

import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Gives the {@code application.id} of every {@link StreamsBuilderFactoryBean} (the one of
 * {@code @EnableKafkaStreams} and those the application declares) the {@link NamePrefix}.
 * Kafka Streams derives from it the names of its consumer group, transactional ids and
 * internal topics ({@code <application.id>-...-changelog},
 * {@code <application.id>-...-repartition}), which so carry the prefix once. The topics
 * the topology reads and writes get it from the {@link NamePrefixStreamsBuilder}
 * ({@link NamePrefixStreamsBuilderFactoryBean}); {@link StreamsTopologyNamePrefixCheck}
 * fails start-up when one still lacks it.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class StreamsBuilderFactoryBeanNamePrefixPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<NamePrefix> prefix;

	/**
	 * Create a new instance.
	 * @param prefix provides the prefix to apply, none when unavailable
	 */
	public StreamsBuilderFactoryBeanNamePrefixPostProcessor(ObjectProvider<NamePrefix> prefix) {
		this.prefix = prefix;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof StreamsBuilderFactoryBean factoryBean) {
			NamePrefix prefix = this.prefix.getIfAvailable(() -> NamePrefix.NONE);
			Properties configuration = factoryBean.getStreamsConfiguration();
			String applicationId = (configuration != null)
					? configuration.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) : null;
			if (!prefix.isEmpty() && applicationId != null) {
				configuration.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, prefix.apply(applicationId));
				factoryBean.setStreamsConfiguration(configuration);
			}
		}
		return bean;
	}

}
