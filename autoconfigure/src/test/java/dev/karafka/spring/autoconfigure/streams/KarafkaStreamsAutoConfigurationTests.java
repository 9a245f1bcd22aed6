package dev.karafka.spring.autoconfigure.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

import dev.karafka.spring.autoconfigure.KafkaClientAssertions;
import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.naming.NamePrefixProducerInterceptor;
import dev.karafka.spring.naming.NamePrefixStreamsBuilderFactoryBean;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaStreamsAutoConfiguration}.
 *
 * @author karafka-spring
 */
class KarafkaStreamsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KarafkaStreamsAutoConfiguration.class,
				KafkaAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("spring.application.name=word-counter", "spring.kafka.streams.auto-startup=false");

	@Test
	void applicationIdGetsThePrefixOnce() {
		this.contextRunner.withUserConfiguration(StreamsApplication.class)
			.withPropertyValues("karafka.prefix=p.")
			.run((context) -> assertThat(streamsConfig(context)).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG,
					"p.word-counter"));
		this.contextRunner.withUserConfiguration(StreamsApplication.class)
			.withPropertyValues("karafka.prefix=p.", "spring.kafka.streams.application-id=p.counter")
			.run((context) -> assertThat(streamsConfig(context)).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG,
					"p.counter"));
	}

	@Test
	void applicationIdOfTheApplicationsOwnStreamsConfigurationGetsThePrefix() {
		this.contextRunner.withUserConfiguration(StreamsApplication.class)
			.withPropertyValues("karafka.prefix=p.")
			.withUserConfiguration(OwnStreamsConfiguration.class)
			.run((context) -> assertThat(streamsConfig(context))
				.containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "p.own")
				.containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "own:9092"));
	}

	@Test
	void streamsGetTheConnectionAndClientSettings() {
		this.contextRunner.withUserConfiguration(StreamsApplication.class)
			.withPropertyValues("karafka.kafka[bootstrap.servers]=broker1:9096",
					"karafka.kafka[security.protocol]=sasl_ssl", "karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512",
					"karafka.kafka[sasl.username]=user", "karafka.kafka[sasl.password]=secret",
					"karafka.kafka[fetch.wait.max.ms]=250", "karafka.kafka[request.required.acks]=all",
					"karafka.kafka[num.stream.threads]=2", "karafka.kafka[group.id]=ignored")
			.run((context) -> assertThat(streamsConfig(context))
				.containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("broker1:9096"))
				.containsEntry("security.protocol", "SASL_SSL")
				.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
				.hasEntrySatisfying("sasl.jaas.config",
						(jaas) -> assertThat(jaas.toString()).contains("ScramLoginModule"))
				.containsEntry("consumer.fetch.max.wait.ms", "250")
				.containsEntry("producer.acks", "all")
				.containsEntry("num.stream.threads", "2")
				.doesNotContainKey("consumer.group.id")
				.containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "word-counter"));
	}

	@Test
	void streamsGetTheSettingsOfConsumersAndProducersOnly() {
		this.contextRunner.withUserConfiguration(StreamsApplication.class)
			.withPropertyValues("karafka.kafka[bootstrap.servers]=broker1:9092",
					"karafka.consumer.kafka[max.poll.records]=42", "karafka.producer.kafka[queue.buffering.max.ms]=7",
					"karafka.consumer.kafka[group.id]=ignored")
			.run((context) -> assertThat(streamsConfig(context)).containsEntry("consumer.max.poll.records", "42")
				.containsEntry("producer.linger.ms", "7")
				.doesNotContainKey("producer.max.poll.records")
				.doesNotContainKey("consumer.group.id"));
	}

	@Test
	void topologyOfEnableKafkaStreamsGetsThePrefixOnce() {
		for (String prefixed : new String[] { "false", "true" }) {
			this.contextRunner.withUserConfiguration(StreamsApplication.class, WordCountTopology.class)
				.withPropertyValues("karafka.prefix=p.", "word-count.prefixed=" + prefixed)
				.run((context) -> {
					StreamsBuilderFactoryBean factoryBean = context.getBean(StreamsBuilderFactoryBean.class);
					assertThat(factoryBean).isInstanceOf(NamePrefixStreamsBuilderFactoryBean.class);
					String description = factoryBean.getTopology().describe().toString();
					assertThat(description).contains("topics: [p.words]", "topic: p.word-counts")
						.doesNotContain("p.p.");
				});
		}
	}

	/**
	 * Boot's metrics create the factory bean while building a bean post-processor:
	 * creating it must not create the Kafka properties that early.
	 */
	@Test
	void theOtherClientsKeepThePrefixNextToKafkaStreams() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, KafkaMetricsAutoConfiguration.class))
			.withUserConfiguration(StreamsApplication.class, WordCountTopology.class)
			.withPropertyValues("karafka.prefix=p.", "word-count.prefixed=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(KafkaClientAssertions.producerConfig(context)).containsEntry("interceptor.classes",
						NamePrefixProducerInterceptor.class.getName());
				assertThat(KafkaClientAssertions.consumerConfig(context)).containsEntry("group.id", "p.word-counter");
			});
	}

	@Test
	void configurersOfTheFactoryBeanStillApply() {
		this.contextRunner.withUserConfiguration(StreamsApplication.class, WordCountTopology.class)
			.withPropertyValues("karafka.prefix=p.", "word-count.prefixed=false")
			.withBean(StreamsBuilderFactoryBeanConfigurer.class, () -> (factoryBean) -> factoryBean.setCloseTimeout(42))
			.run((context) -> assertThat(context.getBean(StreamsBuilderFactoryBean.class))
				.hasFieldOrPropertyWithValue("closeTimeout", Duration.ofSeconds(42))
				.hasFieldOrPropertyWithValue("autoStartup", false));
	}

	@Test
	void topologyOfAnOwnFactoryBeanWithTopicsWithoutThePrefixFailsStartUpNamingThem() {
		this.contextRunner.withUserConfiguration(OwnFactoryBeanTopology.class)
			.withPropertyValues("karafka.prefix=p.")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("karafka.prefix")
				.hasMessageContaining("source 'words', sink 'word-counts'")
				.satisfies((failure) -> assertThat(((InvalidSettingException) failure).getAction())
					.contains("namePrefix.apply(")));
	}

	@Test
	void withoutKafkaStreamsNothingIsAdded() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(StreamsBuilder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaStreamsPropertiesPostProcessor.class));
	}

	private static Properties streamsConfig(AssertableApplicationContext context) {
		return context.getBean(StreamsBuilderFactoryBean.class).getStreamsConfiguration();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafkaStreams
	static class StreamsApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class WordCountTopology {

		@Bean
		KStream<String, String> words(StreamsBuilder builder, NamePrefix prefix,
				@Value("${word-count.prefixed}") boolean prefixed) {
			UnaryOperator<String> names = (prefixed) ? prefix::apply : UnaryOperator.identity();
			KStream<String, String> words = builder.stream(names.apply("words"));
			words.groupBy((key, word) -> word)
				.count()
				.toStream()
				.mapValues(String::valueOf)
				.to(names.apply("word-counts"));
			return words;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactoryBeanTopology {

		@Bean
		StreamsBuilderFactoryBean ownStreamsBuilder() {
			StreamsBuilderFactoryBean factoryBean = new StreamsBuilderFactoryBean(
					new KafkaStreamsConfiguration(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "own",
							StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9")));
			factoryBean.setAutoStartup(false);
			return factoryBean;
		}

		@Bean
		KStream<String, String> words(StreamsBuilder builder) {
			KStream<String, String> words = builder.stream("words");
			words.to("word-counts");
			return words;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStreamsConfiguration {

		@Bean(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
		KafkaStreamsConfiguration ownStreamsConfiguration() {
			return new KafkaStreamsConfiguration(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "own",
					StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "own:9092"));
		}

	}

}
