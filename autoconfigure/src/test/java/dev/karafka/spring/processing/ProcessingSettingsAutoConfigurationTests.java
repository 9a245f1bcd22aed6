package dev.karafka.spring.processing;

import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.deadletter.DeadLetterErrorHandler;
import dev.karafka.spring.deadletter.DeadLetterInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.consumerConfig;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.producerConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for Karafka's processing settings applied by {@link KarafkaAutoConfiguration}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class ProcessingSettingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class));

	@Test
	void globalSettingsReachConsumersAndContainers() {
		this.contextRunner
			.withPropertyValues("karafka.max-messages=50", "karafka.initial-offset=earliest",
					"karafka.max-wait-time=750ms", "karafka.concurrency=4", "karafka.shutdown-timeout=20s")
			.run((context) -> {
				assertThat(consumerConfig(context)).containsEntry("max.poll.records", "50")
					.containsEntry("auto.offset.reset", "earliest")
					.containsEntry("fetch.max.wait.ms", "750");
				ConcurrentMessageListenerContainer<?, ?> container = container(context, "topic");
				assertThat(container.getConcurrency()).isEqualTo(4);
				assertThat(container.getContainerProperties().getPollTimeout()).isEqualTo(750);
				assertThat(container.getContainerProperties().getShutdownTimeout()).isEqualTo(20_000);
			});
	}

	@Test
	void initialOffsetDefaultsToEarliestAsKarafkasInitialOffset() {
		this.contextRunner
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("auto.offset.reset", "earliest"));
	}

	@Test
	void initialOffsetChosenAnywhereWinsOverTheDefault() {
		for (String choice : new String[] { "karafka.initial-offset=latest", "karafka.kafka[auto.offset.reset]=largest",
				"karafka.consumer.kafka[auto.offset.reset]=latest", "spring.kafka.consumer.auto-offset-reset=latest",
				"spring.kafka.consumer.properties[auto.offset.reset]=latest",
				"spring.kafka.properties[auto.offset.reset]=latest" }) {
			this.contextRunner.withPropertyValues(choice)
				.run((context) -> assertThat(consumerConfig(context)).as(choice)
					.containsEntry("auto.offset.reset", "latest"));
		}
	}

	@Test
	void initialOffsetDefaultLeavesTheApplicationsOwnConsumerFactoryAlone() {
		this.contextRunner
			.withBean("kafkaConsumerFactory", DefaultKafkaConsumerFactory.class,
					() -> new DefaultKafkaConsumerFactory<>(Map.of("bootstrap.servers", "localhost:9092")))
			.run((context) -> assertThat(consumerConfig(context)).doesNotContainKey("auto.offset.reset"));
	}

	@Test
	void karafkaWinsOverSpringKafkaListenerSettings() {
		this.contextRunner
			.withPropertyValues("spring.kafka.listener.concurrency=2", "spring.kafka.consumer.max-poll-records=9",
					"karafka.concurrency=5", "karafka.max-messages=3")
			.run((context) -> {
				assertThat(container(context, "topic").getConcurrency()).isEqualTo(5);
				assertThat(consumerConfig(context)).containsEntry("max.poll.records", "3");
			});
	}

	@Test
	void clientOnlySettingsReachOnlyTheirClients() {
		this.contextRunner
			.withPropertyValues("karafka.producer.kafka[request.required.acks]=1",
					"karafka.producer.kafka[compression.codec]=zstd", "karafka.consumer.kafka[fetch.min.bytes]=1024",
					"karafka.kafka[compression.codec]=gzip")
			.run((context) -> {
				assertThat(producerConfig(context)).containsEntry("acks", "1")
					.containsEntry("compression.type", "zstd")
					.doesNotContainKey("fetch.min.bytes");
				assertThat(consumerConfig(context)).containsEntry("fetch.min.bytes", "1024")
					.doesNotContainKeys("acks", "compression.type");
			});
	}

	@Test
	void producerMaxWaitTimeoutBoundsDelivery() {
		this.contextRunner.withPropertyValues("karafka.producer.max-wait-timeout=10s")
			.run((context) -> assertThat(producerConfig(context)).containsEntry("delivery.timeout.ms", "10000")
				.containsEntry("request.timeout.ms", "9995")
				.containsEntry("max.block.ms", "10000"));
	}

	@Test
	void karafkaErrorHandlerRetriesForeverWithoutDeadLetterQueue() {
		this.contextRunner.run((context) -> assertThat(errorHandler(context)).isInstanceOf(DefaultErrorHandler.class));
	}

	@Test
	void deadLetterQueueGivesTheDeadLetterErrorHandlerAndItsInterceptor() {
		this.contextRunner.withPropertyValues("karafka.dead-letter-queue.topic=dlq").run((context) -> {
			assertThat(errorHandler(context)).isInstanceOf(DeadLetterErrorHandler.class);
			assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class).getRecordInterceptor())
				.isInstanceOf(DeadLetterInterceptor.class);
			assertThat(context).hasSingleBean(DeadLetterDispatchFailures.class);
		});
	}

	@Test
	void tooSmallDeadLetterHeaderLimitFailsStartupNamingTheSetting() {
		this.contextRunner
			.withPropertyValues("karafka.dead-letter-queue.topic=dlq", "karafka.dead-letter-queue.stack-trace-limit=4B")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("Invalid setting 'karafka.dead-letter-queue.stack-trace-limit'")
				.hasMessageContaining("between 16B and 2GB"));
	}

	@Test
	void userErrorHandlerWinsWithOneInfoLine(CapturedOutput output) {
		CommonLoggingErrorHandler userHandler = new CommonLoggingErrorHandler();
		this.contextRunner.withBean(CommonErrorHandler.class, () -> userHandler)
			.withPropertyValues("karafka.dead-letter-queue.topic=dlq")
			.run((context) -> {
				assertThat(errorHandler(context)).isSameAs(userHandler);
				assertThat(output).containsOnlyOnce("The application's CommonErrorHandler handles listener errors");
			});
	}

	@Test
	void topicSettingsApplyToThatTopicsContainersOnly() {
		this.contextRunner
			.withPropertyValues("karafka.concurrency=2", "karafka.topics.orders.concurrency=3",
					"karafka.topics.orders.max-messages=7", "karafka.topics.orders.initial-offset=latest",
					"karafka.topics.orders.max-wait-time=2s", "karafka.topics.archive.active=false")
			.run((context) -> {
				ConcurrentMessageListenerContainer<?, ?> orders = container(context, "orders");
				assertThat(orders.getConcurrency()).isEqualTo(3);
				assertThat(orders.getContainerProperties().getKafkaConsumerProperties())
					.containsEntry("max.poll.records", "7")
					.containsEntry("auto.offset.reset", "latest")
					.containsEntry("fetch.max.wait.ms", "2000");
				assertThat(orders.getContainerProperties().getPollTimeout()).isEqualTo(2000);
				assertThat(orders.getCommonErrorHandler()).isInstanceOf(DefaultErrorHandler.class);
				ConcurrentMessageListenerContainer<?, ?> other = container(context, "other");
				assertThat(other.getConcurrency()).isEqualTo(2);
				assertThat(other.getContainerProperties().getKafkaConsumerProperties()).isEmpty();
				assertThat(container(context, "archive").isAutoStartup()).isFalse();
				assertThat(other.isAutoStartup()).isTrue();
			});
	}

	@Test
	void topicSettingsMatchPrefixedTopicsByTheirLogicalName() {
		this.contextRunner
			.withPropertyValues("karafka.prefix=smoothboulder-1234.", "karafka.topics.orders.concurrency=3")
			.run((context) -> assertThat(container(context, "smoothboulder-1234.orders").getConcurrency())
				.isEqualTo(3));
	}

	@Test
	void topicThatNoListenerConsumesGivesAWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("karafka.topics.ghost.max-messages=5")
			.run((context) -> assertThat(output)
				.contains("No listener of 'kafkaListenerContainerFactory' consumes karafka.topics [ghost] by name"));
	}

	@Test
	void topicThatNoListenerConsumesButResemblesOneIsWarnedOnceWithTheTopicItProbablyMeans(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(OrdersListener.class)
			.withPropertyValues("karafka.topics.ordres.max-messages=5", "spring.kafka.listener.auto-startup=false")
			.run((context) -> {
				try (AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext()) {
					child.setParent(context);
					child.refresh();
				}
				assertThat(output.getAll().split("No listener of ", -1)).hasSize(2);
				assertThat(output).contains("consumes karafka.topics [ordres] by name")
					.contains("'ordres', did you mean 'orders'?");
			});
	}

	@Test
	void unknownInitialOffsetFailsStartupNamingTheSetting() {
		this.contextRunner.withPropertyValues("karafka.initial-offset=middle").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("middle");
			assertThat(context.getStartupFailure()).hasMessageContaining("karafka");
		});
	}

	@Test
	void negativeDurationFailsStartupNamingTheSetting() {
		this.contextRunner.withPropertyValues("karafka.topics.orders.max-wait-time=-1s")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("Invalid setting 'karafka.topics.orders.max-wait-time'")
				.hasMessageContaining("positive duration"));
	}

	@SuppressWarnings("unchecked")
	private static ConcurrentMessageListenerContainer<?, ?> container(AssertableApplicationContext context,
			String topic) {
		return ((ConcurrentKafkaListenerContainerFactory<Object, Object>) context
			.getBean(ConcurrentKafkaListenerContainerFactory.class)).createContainer(topic);
	}

	private static CommonErrorHandler errorHandler(AssertableApplicationContext context) {
		return container(context, "topic").getCommonErrorHandler();
	}

	static class OrdersListener {

		@KafkaListener(topics = "orders", groupId = "orders")
		void consume(String order) {
		}

	}

}
