package dev.karafka.spring.processing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Karafka's processing settings on a real broker: initial offsets of fresh groups (the
 * default, earliest, and a topic's latest), batch size, concurrency, back-off and
 * dead-letter queue, per-topic overrides and inactive topics.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = ProcessingIntegrationTests.ProcessingApplication.class, properties = {
		"spring.kafka.consumer.group-id=processing", "karafka.concurrency=2", "karafka.max-wait-time=500ms",
		"karafka.pause.timeout=200ms", "karafka.pause.max-timeout=5s", "karafka.pause.with-exponential-backoff=true",
		"karafka.dead-letter-queue.topic=processing-dlq", "karafka.dead-letter-queue.max-retries=3",
		"karafka.topics.processing-batches.max-messages=5", "karafka.topics.processing-orders.concurrency=3",
		"karafka.topics.processing-latest.initial-offset=latest", "karafka.topics.processing-inactive.active=false" })
class ProcessingIntegrationTests {

	private static final KafkaTestBroker broker = KafkaTestBroker.shared();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private Listeners listeners;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@BeforeAll
	static void recordsBeforeTheGroupsExist() throws Exception {
		broker.createTopic("processing-orders", 3);
		try (KafkaProducer<String, String> producer = broker.createStringProducer()) {
			producer.send(new ProducerRecord<>("processing-earliest", "before")).get(10, TimeUnit.SECONDS);
			producer.send(new ProducerRecord<>("processing-latest", "before")).get(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * No initial offset is set but the topic's own: fresh groups start from the earliest
	 * offset, as in Karafka.
	 */
	@Test
	void freshGroupsStartFromTheEarliestOffsetUnlessTheirTopicSaysLatest() throws Exception {
		await().atMost(WAIT).until(() -> this.listeners.earliest.contains("before"));
		await().atMost(WAIT)
			.until(() -> !this.registry.getListenerContainer("latest").getAssignedPartitions().isEmpty());
		this.template.send("processing-latest", "after").get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> this.listeners.latest.contains("after"));
		assertThat(this.listeners.latest).containsExactly("after");
	}

	@Test
	void maxMessagesBoundsTheBatchesOfThatTopic() throws Exception {
		for (int i = 0; i < 20; i++) {
			this.template.send("processing-batches", "record-" + i);
		}
		this.template.flush();
		await().atMost(WAIT).until(() -> this.listeners.batchSizes.stream().mapToInt(Integer::intValue).sum() == 20);
		assertThat(this.listeners.batchSizes).allSatisfy((size) -> assertThat(size).isBetween(1, 5));
	}

	@Test
	void concurrencyGivesThatManyConsumerThreadsWithTopicOverrideAndListenerAttributeFirst() {
		assertThat(container("orders").getConcurrency()).isEqualTo(3);
		assertThat(container("earliest").getConcurrency()).isEqualTo(2);
		assertThat(container("failing").getConcurrency()).isEqualTo(1);
		await().atMost(WAIT)
			.until(() -> container("orders").getContainers()
				.stream()
				.filter((child) -> !child.getAssignedPartitions().isEmpty())
				.count() == 3);
	}

	@Test
	void failingRecordIsRetriedWithGrowingBackOffThenDeadLetteredAndConsumptionContinues() throws Exception {
		this.template.send("processing-failing", "poison").get(10, TimeUnit.SECONDS);
		this.template.send("processing-failing", "healthy").get(10, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> this.listeners.failingDone.contains("healthy"));
		List<Long> attempts = new ArrayList<>(this.listeners.poisonAttempts);
		assertThat(attempts).hasSize(4);
		assertThat(attempts.get(1) - attempts.get(0)).isGreaterThanOrEqualTo(190);
		assertThat(attempts.get(2) - attempts.get(1)).isGreaterThanOrEqualTo(390);
		assertThat(attempts.get(3) - attempts.get(2)).isGreaterThanOrEqualTo(790);
		ConsumerRecord<String, String> dead = deadLetter();
		assertThat(dead.value()).isEqualTo("poison");
		assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo("processing-failing");
		assertThat(header(dead, "kafka_dlt-exception-message")).contains("poison refused");
	}

	@Test
	void inactiveTopicIsNotConsumedWhileOthersRun() {
		assertThat(this.registry.getListenerContainer("inactive").isRunning()).isFalse();
		assertThat(this.registry.getListenerContainer("orders").isRunning()).isTrue();
	}

	private ConcurrentMessageListenerContainer<?, ?> container(String id) {
		return (ConcurrentMessageListenerContainer<?, ?>) this.registry.getListenerContainer(id);
	}

	private static ConsumerRecord<String, String> deadLetter() {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.PLAINTEXT),
						ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("processing-dlq"));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(WAIT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return !records.isEmpty();
			});
			return records.get(0);
		}
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProcessingApplication {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

	static class Listeners {

		final Queue<String> earliest = new ConcurrentLinkedQueue<>();

		final Queue<String> latest = new ConcurrentLinkedQueue<>();

		final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

		final List<Long> poisonAttempts = new CopyOnWriteArrayList<>();

		final Queue<String> failingDone = new ConcurrentLinkedQueue<>();

		@KafkaListener(id = "earliest", topics = "processing-earliest")
		void earliest(String payload) {
			this.earliest.add(payload);
		}

		@KafkaListener(id = "latest", topics = "processing-latest")
		void latest(String payload) {
			this.latest.add(payload);
		}

		@KafkaListener(id = "batches", topics = "processing-batches", batch = "true")
		void batches(List<String> payloads) {
			this.batchSizes.add(payloads.size());
		}

		@KafkaListener(id = "orders", topics = "processing-orders")
		void orders(String payload) {
		}

		@KafkaListener(id = "inactive", topics = "processing-inactive")
		void inactive(String payload) {
		}

		@KafkaListener(id = "failing", topics = "processing-failing", concurrency = "1")
		void failing(String payload) {
			if (payload.equals("poison")) {
				this.poisonAttempts.add(System.nanoTime() / 1_000_000);
				throw new IllegalStateException("poison refused");
			}
			this.failingDone.add(payload);
		}

	}

}
