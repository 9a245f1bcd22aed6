package dev.karafka.spring.naming;

import java.util.Properties;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.util.Assert;

/**
 * A {@link StreamsBuilderFactoryBean} whose {@link StreamsBuilder} is a
 * {@link NamePrefixStreamsBuilder}: the topologies built on it read and write the topics
 * of the application with the {@link NamePrefix}. The starter makes the factory bean of
 * {@code @EnableKafkaStreams} one of these; declare one instead of a
 * {@code StreamsBuilderFactoryBean} of your own to get the same.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class NamePrefixStreamsBuilderFactoryBean extends StreamsBuilderFactoryBean {

	private final NamePrefix prefix;

	private KafkaStreamsInfrastructureCustomizer infrastructureCustomizer = new KafkaStreamsInfrastructureCustomizer() {
	};

	/**
	 * Create a new instance.
	 * @param streamsConfig the Kafka Streams settings
	 * @param prefix the prefix of the topics
	 */
	public NamePrefixStreamsBuilderFactoryBean(KafkaStreamsConfiguration streamsConfig, NamePrefix prefix) {
		super(streamsConfig);
		this.prefix = prefix;
	}

	@Override
	public void setInfrastructureCustomizer(KafkaStreamsInfrastructureCustomizer infrastructureCustomizer) {
		super.setInfrastructureCustomizer(infrastructureCustomizer);
		this.infrastructureCustomizer = infrastructureCustomizer;
	}

	/**
	 * Create the builder as {@link StreamsBuilderFactoryBean} does, as a
	 * {@link NamePrefixStreamsBuilder}.
	 * @return the builder, given to the infrastructure customizer
	 */
	@Override
	protected StreamsBuilder createInstance() {
		Properties properties = getStreamsConfiguration();
		Assert.state(!isAutoStartup() || properties != null, "streams configuration properties must not be null");
		StreamsBuilder builder = (properties != null)
				? new NamePrefixStreamsBuilder(new TopologyConfig(new StreamsConfig(properties)), this.prefix)
				: new NamePrefixStreamsBuilder(this.prefix);
		this.infrastructureCustomizer.configureBuilder(builder);
		return builder;
	}

}
