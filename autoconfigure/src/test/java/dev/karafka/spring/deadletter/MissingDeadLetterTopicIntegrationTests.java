package dev.karafka.spring.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures.StuckPartition;
import dev.karafka.spring.diagnostics.DeadLetterHints;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead-letter topic that does not exist, on a real broker that does not create topics:
 * each dispatch waits no longer than {@code karafka.dead-letter-queue.max-block-time} for
 * the topic's metadata, so the other partitions of the same consumer thread keep flowing,
 * while the failed record stays uncommitted, counted and shown until the topic is
 * created.
 *
 * @author karafka-spring
 */
class MissingDeadLetterTopicIntegrationTests {

	private static final String GROUP = "payments-service";

	private static final Duration PRODUCER_MAX_BLOCK = Duration.ofSeconds(60);

	private static KafkaTestBroker broker;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = KafkaTestBroker.builder().serverProperty("auto.create.topics.enable", "false").start();
		try (Admin admin = broker.createAdmin()) {
			admin.createTopics(List.of(new NewTopic("payments", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void otherPartitionsOfTheConsumerFlowWhileTheDeadLetterTopicIsMissingAndTheRecordWaits() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PaymentsApplication.class)
			.web(WebApplicationType.NONE)
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
					"karafka.probes.enabled=false", "karafka.initial-offset=earliest", "karafka.max-wait-time=200ms",
					"karafka.pause.timeout=100ms", "karafka.pause.max-timeout=200ms",
					"karafka.dead-letter-queue.topic=payments_dlq", "karafka.dead-letter-queue.max-retries=0",
					"karafka.producer.kafka[max.block.ms]=" + PRODUCER_MAX_BLOCK.toMillis())
			.run(); KafkaProducer<String, String> producer = broker.createStringProducer()) {
			Payments payments = context.getBean(Payments.class);
			DeadLetterDispatchFailures failures = context.getBean(DeadLetterDispatchFailures.class);
			producer.send(new ProducerRecord<>("payments", 0, null, "poison")).get(30, TimeUnit.SECONDS);
			await().atMost(PRODUCER_MAX_BLOCK.multipliedBy(2)).until(() -> failures.failureCount() >= 1);
			for (int i = 1; i <= 3; i++) {
				String payment = "payment-" + i;
				producer.send(new ProducerRecord<>("payments", 1, null, payment)).get(30, TimeUnit.SECONDS);
				await().atMost(Duration.ofSeconds(20)).until(() -> payments.processed.contains(payment));
			}
			assertThat(failures.failureCount()).isGreaterThanOrEqualTo(2);
			StuckPartition stuck = failures.stuckPartitions().get(0);
			assertThat(stuck.topic()).isEqualTo("payments");
			assertThat(stuck.partition()).isZero();
			assertThat(stuck.offset()).isZero();
			assertThat(stuck.deadLetterTopic()).isEqualTo("payments_dlq");
			assertThat(stuck.cause()).isEqualTo("UnknownTopicOrPartitionException");
			assertThat(new DeadLetterHints(failures).activeHints()).hasEntrySatisfying(
					"dead_letter_dispatch." + GROUP + ".payments-0",
					(hint) -> assertThat(hint).contains("Create topic 'payments_dlq'"));
			Health health = context.getBean(DeadLetterQueueHealthIndicator.class).health(true);
			assertThat(health.getDetails().get("stuckPartitions").toString()).contains("topicPartition=payments-0");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(committed()).containsEntry(new TopicPartition("payments", 1), 3L));
			assertThat(committed().getOrDefault(new TopicPartition("payments", 0), 0L)).isZero();
			try (Admin admin = broker.createAdmin()) {
				admin.createTopics(List.of(new NewTopic("payments_dlq", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			assertThat(deadLetters()).extracting(ConsumerRecord::value).containsExactly("poison");
			await().atMost(Duration.ofSeconds(30)).until(() -> !failures.hasStuckPartitions());
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(committed()).containsEntry(new TopicPartition("payments", 0), 1L));
			assertThat(payments.processed).doesNotContain("poison");
		}
	}

	private static Map<TopicPartition, Long> committed() throws Exception {
		try (Admin admin = broker.createAdmin()) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			return offsets.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() != null)
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
		}
	}

	private static List<ConsumerRecord<String, String>> deadLetters() {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.PLAINTEXT)),
				new StringDeserializer(), new StringDeserializer())) {
			TopicPartition partition = new TopicPartition("payments_dlq", 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			Queue<ConsumerRecord<String, String>> records = new ConcurrentLinkedQueue<>();
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return !records.isEmpty();
			});
			return List.copyOf(records);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PaymentsApplication {

		@Bean
		Payments payments() {
			return new Payments();
		}

	}

	static class Payments {

		final Queue<String> processed = new ConcurrentLinkedQueue<>();

		@KafkaListener(id = "payments", groupId = GROUP, topics = "payments", concurrency = "1")
		void payment(String payment) {
			if (payment.equals("poison")) {
				throw new IllegalStateException("refused " + payment);
			}
			this.processed.add(payment);
		}

	}

}
