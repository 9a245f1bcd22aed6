package dev.karafka.spring.commit;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.commit.KarafkaCommitAutoConfiguration;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.support.Acknowledgment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the offset-commit model applies: Boot's container factory with no ack mode chosen
 * by the application, and nowhere else.
 *
 * @author karafka-spring
 */
class ProcessedOffsetCommitsScopeIntegrationTests {

	private static final KafkaTestBroker broker = KafkaTestBroker.shared();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KarafkaCommitAutoConfiguration.class,
				KafkaAutoConfiguration.class))
		.withUserConfiguration(ListenerConfiguration.class)
		.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
				"spring.kafka.consumer.group-id=commit-scope", "karafka.initial-offset=earliest");

	@Test
	void bootsFactoryCommitsProcessedOffsetsInTheBackgroundEverySecond() {
		this.runner.run((context) -> {
			ContainerProperties properties = containerProperties(context);
			assertThat(properties.getAckMode()).isEqualTo(AckMode.TIME);
			assertThat(properties.getAckTime()).isEqualTo(1000);
			assertThat(properties.isSyncCommits()).isFalse();
			assertThat(properties.getCommitCallback()).isInstanceOf(ProcessedOffsetCommits.class);
		});
	}

	@Test
	void pollTimeoutIsTheCommitIntervalUnlessTheApplicationChoseOne() {
		this.runner.run((context) -> assertThat(containerProperties(context).getPollTimeout()).isEqualTo(1000));
		this.runner.withPropertyValues("karafka.kafka.auto.commit.interval.ms=250")
			.run((context) -> assertThat(containerProperties(context).getPollTimeout()).isEqualTo(250));
		this.runner.withPropertyValues("karafka.kafka.auto.commit.interval.ms=10000")
			.run((context) -> assertThat(containerProperties(context).getPollTimeout()).isEqualTo(5000));
		this.runner.withPropertyValues("spring.kafka.listener.poll-timeout=5s")
			.run((context) -> assertThat(containerProperties(context).getPollTimeout()).isEqualTo(5000));
		this.runner.withPropertyValues("karafka.max-wait-time=5s")
			.run((context) -> assertThat(containerProperties(context).getPollTimeout()).isEqualTo(5000));
		this.runner.withPropertyValues("spring.kafka.listener.poll-timeout=3s")
			.run((context) -> assertThat(containerProperties(context).getPollTimeout()).isEqualTo(3000));
	}

	@Test
	void commitIntervalComesFromKarafkasAutoCommitInterval() {
		this.runner.withPropertyValues("karafka.kafka.auto.commit.interval.ms=250")
			.run((context) -> assertThat(containerProperties(context).getAckTime()).isEqualTo(250));
	}

	@Test
	void applicationsAckModeWins() {
		this.runner.withPropertyValues("spring.kafka.listener.ack-mode=record").run((context) -> {
			ContainerProperties properties = containerProperties(context);
			assertThat(properties.getAckMode()).isEqualTo(AckMode.RECORD);
			assertThat(properties.isSyncCommits()).isTrue();
		});
	}

	@Test
	void ackModeOfApplicationsContainerCustomizerWins() {
		this.runner.withUserConfiguration(ManualImmediateCustomizerConfiguration.class).run((context) -> {
			ContainerProperties properties = containerProperties(context);
			assertThat(properties.getAckMode()).isEqualTo(AckMode.MANUAL_IMMEDIATE);
			assertThat(properties.isSyncCommits()).isTrue();
			assertThat(properties.getCommitCallback()).isNull();
		});
	}

	@Test
	void applicationsOwnContainerFactoryKeepsItsSettings() {
		this.runner.withUserConfiguration(OwnFactoryConfiguration.class).run((context) -> {
			ContainerProperties properties = containerProperties(context);
			assertThat(properties.getAckMode()).isEqualTo(AckMode.BATCH);
			assertThat(properties.isSyncCommits()).isTrue();
		});
	}

	@Test
	void consumersThatCommitByThemselvesAreLeftAlone() {
		this.runner.withPropertyValues("spring.kafka.consumer.enable-auto-commit=true")
			.run((context) -> assertThat(containerProperties(context).getAckMode()).isEqualTo(AckMode.BATCH));
	}

	@Test
	void transactionalContainersKeepTheirCommits() {
		this.runner.withPropertyValues("spring.kafka.producer.transaction-id-prefix=commit-scope-tx-")
			.run((context) -> {
				ContainerProperties properties = containerProperties(context);
				assertThat(properties.getKafkaAwareTransactionManager()).isNotNull();
				assertThat(properties.getAckMode()).isEqualTo(AckMode.BATCH);
				assertThat(properties.isSyncCommits()).isTrue();
			});
	}

	@Test
	void acknowledgingListenerKeepsManualCommits() {
		broker.createTopic("commit-scope-manual", 1);
		this.runner.withUserConfiguration(ManualListenerConfiguration.class)
			.withPropertyValues("spring.kafka.listener.ack-mode=manual",
					"spring.kafka.consumer.group-id=commit-scope-manual")
			.run((context) -> {
				ContainerProperties properties = context.getBean(KafkaListenerEndpointRegistry.class)
					.getListenerContainer("manual")
					.getContainerProperties();
				assertThat(properties.getAckMode()).isEqualTo(AckMode.MANUAL);
				assertThat(properties.isSyncCommits()).isTrue();
				KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
				template.send("commit-scope-manual", "acknowledged").get(10, TimeUnit.SECONDS);
				template.send("commit-scope-manual", "not acknowledged").get(10, TimeUnit.SECONDS);
				ManualListener listener = context.getBean(ManualListener.class);
				await().atMost(Duration.ofMinutes(1)).until(() -> listener.received.size() == 2);
				try (Admin admin = broker.createAdmin()) {
					await().atMost(Duration.ofMinutes(1)).until(() -> committed(admin) == 1);
				}
			});
	}

	private static long committed(Admin admin) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("commit-scope-manual")
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		OffsetAndMetadata offset = offsets.get(new TopicPartition("commit-scope-manual", 0));
		return (offset != null) ? offset.offset() : -1;
	}

	private static ContainerProperties containerProperties(AssertableApplicationContext context) {
		return context.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("scope")
			.getContainerProperties();
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@KafkaListener(id = "scope", idIsGroup = false, topics = "commit-scope")
		void consume(String value) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ManualImmediateCustomizerConfiguration {

		@Bean
		ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> manualImmediate() {
			return (container) -> container.getContainerProperties().setAckMode(AckMode.MANUAL_IMMEDIATE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactoryConfiguration {

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
				ConsumerFactory<Object, Object> consumerFactory) {
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setConsumerFactory(consumerFactory);
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ManualListenerConfiguration {

		@Bean
		ManualListener manualListener() {
			return new ManualListener();
		}

	}

	static class ManualListener {

		final Queue<String> received = new ConcurrentLinkedQueue<>();

		@KafkaListener(id = "manual", idIsGroup = false, topics = "commit-scope-manual")
		void consume(String value, Acknowledgment acknowledgment) {
			this.received.add(value);
			if (value.equals("acknowledged")) {
				acknowledgment.acknowledge();
			}
		}

	}

}
