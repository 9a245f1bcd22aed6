package dev.karafka.spring.liveness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonContainerStoppingErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.util.ReflectionTestUtils;

import static dev.karafka.spring.liveness.LivenessTestApplication.get;
import static dev.karafka.spring.liveness.LivenessTestApplication.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hangs of a consumer thread outside listener calls, over real HTTP with a real broker:
 * in a rebalance callback, in a deserializer; a container stopped by its error handler
 * and restarted; all with an asynchronous event multicaster. Containers poll every half
 * second and commit within 1.5 seconds, so two seconds is the smallest polling TTL.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = ConsumerThreadHangIntegrationTests.HangApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=health,prometheus",
				"karafka.liveness.polling-ttl=2s", "karafka.liveness.consuming-ttl=2s",
				"spring.kafka.listener.poll-timeout=500ms",
				"spring.kafka.consumer.properties[default.api.timeout.ms]=1500",
				"spring.kafka.consumer.auto-offset-reset=earliest", "spring.kafka.consumer.group-id=hangs" })
class ConsumerThreadHangIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	private static final Duration WAIT = Duration.ofSeconds(60);

	static final Gate seekGate = new Gate();

	static final Gate deserializerGate = new Gate();

	static final Gate listenerGate = new Gate();

	static final AtomicBoolean failNext = new AtomicBoolean();

	@LocalManagementPort
	private int port;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private ApplicationEventMulticaster applicationEventMulticaster;

	@BeforeEach
	void allConsumersPoll() {
		await().atMost(WAIT)
			.until(() -> this.registry.getAllListenerContainers()
				.stream()
				.allMatch(MessageListenerContainer::isRunning));
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@AfterEach
	void openGates() {
		seekGate.open();
		deserializerGate.open();
		listenerGate.open();
	}

	@Test
	void eventsAreMulticastAsynchronously() {
		assertThat(ReflectionTestUtils.getField(this.applicationEventMulticaster, "taskExecutor")).isNotNull();
	}

	@Test
	void hangingListenerIsDownWithAnAsynchronousEventMulticaster() throws Exception {
		listenerGate.close();
		this.template.send("hang-records", "block").get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 503);
		assertThat(get(this.port, LIVENESS)).contains("\"status\":\"consumption_ttl_exceeded\"",
				"\"listenerId\":\"records\"");
		listenerGate.open();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@Test
	void blockingOnPartitionsAssignedIsDownNamingItsListenerThenUpWhenItReturns() {
		MessageListenerContainer container = this.registry.getListenerContainer("seek-aware");
		container.stop();
		seekGate.close();
		container.start();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 503);
		assertThat(get(this.port, LIVENESS))
			.contains("\"status\":\"polling_ttl_exceeded\"", "\"listenerId\":\"seek-aware\"", "\"ttl\":\"PT2S\"",
					"\"exceededBy\":\"PT")
			.doesNotContain("consumption_ttl_exceeded");
		seekGate.open();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@Test
	void blockingDeserializerIsDownNamingItsListenerThenUpWhenItReturns() throws Exception {
		deserializerGate.close();
		this.template.send("hang-deserializer", "block").get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 503);
		assertThat(get(this.port, LIVENESS)).contains("\"status\":\"polling_ttl_exceeded\"",
				"\"listenerId\":\"deserializer\"");
		deserializerGate.open();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@Test
	void containerStoppedByItsErrorHandlerIsUnrecoverableUntilRestartedThenTrackedAgain() throws Exception {
		failNext.set(true);
		this.template.send("hang-stopping", "fail").get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 503);
		assertThat(get(this.port, LIVENESS)).contains("\"status\":\"unrecoverable\"", "\"listenerId\":\"stopping\"",
				"\"reason\":\"ABNORMAL\"");
		MessageListenerContainer container = this.registry.getListenerContainer("stopping");
		await().atMost(WAIT).until(() -> !container.isRunning());
		container.start();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
		assertThat(get(this.port, "/actuator/prometheus").lines()
			.filter((line) -> line.startsWith("karafka_consumer_poll_age_seconds{listener_id=\"stopping\"")))
			.hasSize(1);
		listenerGate.close();
		this.template.send("hang-stopping", "block").get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 503);
		assertThat(get(this.port, LIVENESS)).contains("\"status\":\"consumption_ttl_exceeded\"",
				"\"listenerId\":\"stopping\"");
		listenerGate.open();
		await().atMost(WAIT).until(() -> status(this.port, LIVENESS) == 200);
	}

	@Test
	void handBuiltContainerWithoutTheInterceptorIsNamedUntracked() {
		assertThat(get(this.port, LIVENESS)).contains("\"untracked\":[\"handBuiltWithoutInterceptor\"]")
			.doesNotContain("handBuiltWithInterceptor");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HangApplication {

		@Bean(name = "applicationEventMulticaster")
		SimpleApplicationEventMulticaster applicationEventMulticaster() {
			SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
			multicaster.setTaskExecutor(new SimpleAsyncTaskExecutor("events-"));
			return multicaster;
		}

		@Bean
		CommonContainerStoppingErrorHandler stoppingErrorHandler() {
			return new CommonContainerStoppingErrorHandler();
		}

		@Bean
		NewTopic seekTopic() {
			return TopicBuilder.name("hang-seek").partitions(1).build();
		}

		@Bean
		NewTopic deserializerTopic() {
			return TopicBuilder.name("hang-deserializer").partitions(1).build();
		}

		@Bean
		NewTopic stoppingTopic() {
			return TopicBuilder.name("hang-stopping").partitions(1).build();
		}

		@Bean
		NewTopic recordsTopic() {
			return TopicBuilder.name("hang-records").partitions(1).build();
		}

		@Bean
		SeekAwareListener seekAwareListener() {
			return new SeekAwareListener();
		}

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

		@Bean
		ConcurrentMessageListenerContainer<Object, Object> handBuiltWithoutInterceptor(
				ConsumerFactory<Object, Object> consumerFactory) {
			return handBuilt(consumerFactory, "hang-untracked");
		}

		@Bean
		ConcurrentMessageListenerContainer<Object, Object> handBuiltWithInterceptor(
				ConsumerFactory<Object, Object> consumerFactory, ConsumerThreads consumerThreads) {
			ConcurrentMessageListenerContainer<Object, Object> container = handBuilt(consumerFactory, "hang-tracked");
			container.setRecordInterceptor(new LivenessInterceptor<>(consumerThreads));
			return container;
		}

		private static ConcurrentMessageListenerContainer<Object, Object> handBuilt(
				ConsumerFactory<Object, Object> consumerFactory, String topic) {
			ContainerProperties properties = new ContainerProperties(topic);
			properties.setPollTimeout(500);
			properties.setMessageListener((MessageListener<Object, Object>) (record) -> {
			});
			return new ConcurrentMessageListenerContainer<>(consumerFactory, properties);
		}

	}

	static class SeekAwareListener implements ConsumerSeekAware {

		@KafkaListener(id = "seek-aware", topics = "hang-seek")
		void onRecord(String payload) {
		}

		@Override
		public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
			seekGate.pass();
		}

	}

	static class Listeners {

		@KafkaListener(id = "records", topics = "hang-records")
		void records(String payload) {
			if ("block".equals(payload)) {
				listenerGate.pass();
			}
		}

		@KafkaListener(id = "deserializer", topics = "hang-deserializer",
				properties = "value.deserializer=dev.karafka.spring.liveness.ConsumerThreadHangIntegrationTests$BlockingDeserializer")
		void deserialized(String payload) {
		}

		@KafkaListener(id = "stopping", topics = "hang-stopping")
		void stopping(String payload) {
			if ("block".equals(payload)) {
				listenerGate.pass();
			}
			if (failNext.getAndSet(false)) {
				throw new IllegalStateException("Failing once");
			}
		}

	}

	/**
	 * Blocks on records whose value is {@code block} while the deserializer gate is
	 * closed.
	 */
	public static class BlockingDeserializer implements Deserializer<String> {

		@Override
		public String deserialize(String topic, byte[] data) {
			String value = new String(data, StandardCharsets.UTF_8);
			if ("block".equals(value)) {
				deserializerGate.pass();
			}
			return value;
		}

	}

	static class Gate {

		private volatile CountDownLatch latch = new CountDownLatch(0);

		void close() {
			this.latch = new CountDownLatch(1);
		}

		void open() {
			this.latch.countDown();
		}

		void pass() {
			try {
				this.latch.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
