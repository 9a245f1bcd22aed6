package dev.karafka.spring.deadletter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import com.jayway.jsonpath.JsonPath;
import dev.karafka.spring.deadletter.DeadLetterDispatchFailures.StuckPartition;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter queue on a real broker: bounded headers across hops, records too large
 * for the dead-letter topic, partition mapping, and failed dispatches shown in the logs,
 * the readiness details and the metrics (over real HTTP).
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = DeadLetterQueueIntegrationTests.DeadLetterApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0",
				"management.endpoints.web.exposure.include=health,prometheus,karafka",
				"spring.kafka.consumer.group-id=dead-letters", "karafka.initial-offset=earliest",
				"karafka.max-wait-time=200ms", "karafka.pause.timeout=200ms", "karafka.pause.max-timeout=1600ms",
				"karafka.dead-letter-queue.max-retries=1",
				"karafka.topics.dlq-hops.dead-letter-queue.topic=dlq-hops-dlt",
				"karafka.topics.dlq-large.dead-letter-queue.topic=dlq-limited-dlt",
				"karafka.topics.dlq-stuck.dead-letter-queue.topic=dlq-stuck-dlt",
				"karafka.topics.dlq-fixed.dead-letter-queue.topic=dlq-fixed-dlt",
				"karafka.topics.dlq-six.dead-letter-queue.topic=dlq-six-dlt",
				"karafka.topics.dlq-six.dead-letter-queue.max-retries=0", "karafka.topics.dlq-six.concurrency=2" })
class DeadLetterQueueIntegrationTests {

	private static final KafkaTestBroker broker = KafkaTestBroker.shared();

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String LIMIT_16_KB = "16384";

	@LocalManagementPort
	private int port;

	@Autowired
	private Listeners listeners;

	@Autowired
	private DeadLetterDispatchFailures failures;

	@BeforeAll
	static void createTopics() throws Exception {
		try (Admin admin = broker.createAdmin()) {
			admin
				.createTopics(List.of(new NewTopic("dlq-hops", 1, (short) 1),
						new NewTopic("dlq-hops-dlt", 1, (short) 1), new NewTopic("dlq-large", 1, (short) 1),
						limited("dlq-limited-dlt"), new NewTopic("dlq-stuck", 2, (short) 1), limited("dlq-stuck-dlt"),
						new NewTopic("dlq-fixed", 1, (short) 1), limited("dlq-fixed-dlt"),
						new NewTopic("dlq-six", 6, (short) 1), new NewTopic("dlq-six-dlt", 1, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void headersStayTheSameAcrossHopsAndTheRecordsOwnHeadersSurvive() throws Exception {
		List<ConsumerRecord<byte[], byte[]>> hops = new ArrayList<>();
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			producer
				.send(new ProducerRecord<>("dlq-hops", null, bytes("order-7"), bytes("always fails"),
						List.of(new RecordHeader("trace-id", bytes("abc")))))
				.get(30, TimeUnit.SECONDS);
			for (int hop = 1; hop <= 3; hop++) {
				hops = read("dlq-hops-dlt", 1, hop);
				ConsumerRecord<byte[], byte[]> last = hops.get(hop - 1);
				if (hop < 3) {
					producer.send(new ProducerRecord<>("dlq-hops", null, last.key(), last.value(), last.headers()))
						.get(30, TimeUnit.SECONDS);
				}
			}
		}
		assertThat(hops).extracting((record) -> record.headers().toArray().length)
			.containsOnly(hops.get(0).headers().toArray().length);
		assertThat(hops).extracting(DeadLetterQueueIntegrationTests::headerBytes)
			.containsOnly(headerBytes(hops.get(0)));
		for (int hop = 0; hop < 3; hop++) {
			ConsumerRecord<byte[], byte[]> record = hops.get(hop);
			assertThat(record.headers()).extracting(Header::key).doesNotHaveDuplicates();
			assertThat(text(record, "trace-id")).isEqualTo("abc");
			assertThat(text(record, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("dlq-hops");
			assertThat(text(record, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
			assertThat(text(record, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(String.valueOf(hop));
			assertThat(text(record, DeadLetterHeaders.SOURCE_CONSUMER_GROUP)).isEqualTo("hops");
			assertThat(text(record, DeadLetterHeaders.SOURCE_ATTEMPTS)).isEqualTo("2");
			assertThat(text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("dlq-hops");
			assertThat(text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).endsWith("hop refused");
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("always fails");
		}
		assertThat(headerBytes(hops.get(0))).isLessThan(12 * 1024);
	}

	@Test
	void recordTooLargeWithItsDiagnosticsLandsWithTrimmedHeaders() throws Exception {
		String payload = "x".repeat(10 * 1024);
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>("dlq-large", bytes(payload))).get(30, TimeUnit.SECONDS);
		}
		ConsumerRecord<byte[], byte[]> dead = read("dlq-limited-dlt", 1, 1).get(0);
		assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(payload);
		assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
		assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value())
			.hasSizeLessThanOrEqualTo(DeadLetterHeaders.TRIMMED_MESSAGE_LIMIT);
		assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(IllegalStateException.class.getName());
		assertThat(text(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("dlq-large");
		assertThat(this.listeners.deepestStack).isGreaterThan(300);
	}

	@Test
	void recordTooLargeEvenTrimmedBlocksItsPartitionVisiblyWhileOthersFlow(CapturedOutput output) throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>("dlq-stuck", 0, null, bytes("big:" + "x".repeat(20 * 1024))))
				.get(30, TimeUnit.SECONDS);
			producer.send(new ProducerRecord<>("dlq-stuck", 0, null, bytes("after-big"))).get(30, TimeUnit.SECONDS);
			await().atMost(WAIT).until(() -> this.listeners.bigAttempts.size() >= 6);
			producer.send(new ProducerRecord<>("dlq-stuck", 1, null, bytes("other-partition")))
				.get(30, TimeUnit.SECONDS);
		}
		await().atMost(WAIT).until(() -> this.listeners.stuck.contains("other-partition"));
		assertThat(this.listeners.stuck).doesNotContain("after-big");
		List<Long> attempts = new ArrayList<>(this.listeners.bigAttempts);
		assertThat(attempts.get(3) - attempts.get(2)).isGreaterThanOrEqualTo(390);
		assertThat(attempts.get(4) - attempts.get(3)).isGreaterThanOrEqualTo(790);
		assertThat(attempts.get(5) - attempts.get(4)).isGreaterThanOrEqualTo(1590);
		StuckPartition stuck = this.failures.stuckPartitions()
			.stream()
			.filter((partition) -> partition.topic().equals("dlq-stuck"))
			.findFirst()
			.orElseThrow();
		assertThat(stuck.partition()).isZero();
		assertThat(stuck.cause()).isEqualTo("RecordTooLargeException");
		assertThat(stuck.failures()).isGreaterThanOrEqualTo(4);
		assertThat(stuck.backOff()).isEqualTo(Duration.ofMillis(1600));
		assertThat(output.getOut()
			.lines()
			.filter((line) -> line.contains(" WARN "))
			.filter((line) -> line.contains("Could not send record dlq-stuck-0@0 of consumer group 'stuck'")))
			.hasSize(1);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Listener failed on record dlq-stuck-0@0")))
			.hasSize(1);
		assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"")
			.contains("\"topicPartition\":\"dlq-stuck-0\"")
			.contains("\"cause\":\"RecordTooLargeException\"")
			.contains("the record itself is still too large: its key and value take 20484 bytes.");
		String hint = JsonPath.parse(get("/actuator/karafka"))
			.read("$.hints['dead_letter_dispatch.stuck.dlq-stuck-0']", String.class);
		assertThat(hint)
			.contains(
					"Record dlq-stuck-0@0 cannot be sent to dead-letter topic 'dlq-stuck-dlt' (RecordTooLargeException")
			.contains("The record itself is too large for the topic, not its diagnostic headers")
			.contains("its key and value take 20484 bytes")
			.contains("Raise 'max.message.bytes' of topic 'dlq-stuck-dlt' above the record's size")
			.contains("Lower karafka.dead-letter-queue.* limits do not help.");
		assertThat(failedDispatchesMetric()).isGreaterThanOrEqualTo(4);
		raiseLimit("dlq-stuck-dlt");
		await().atMost(WAIT).until(() -> this.listeners.stuck.contains("after-big"));
		assertThat(read("dlq-stuck-dlt", 1, 1).get(0).value()).hasSizeGreaterThan(20 * 1024);
		assertThat(this.failures.stuckPartitions()).noneMatch((partition) -> partition.topic().equals("dlq-stuck"));
	}

	@Test
	void stuckPartitionMovesOnWhenItsListenerProcessesTheRecordAfterAll() throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>("dlq-fixed", bytes("big:" + "x".repeat(20 * 1024))))
				.get(30, TimeUnit.SECONDS);
		}
		await().atMost(WAIT)
			.until(() -> this.failures.stuckPartitions()
				.stream()
				.anyMatch((partition) -> partition.topic().equals("dlq-fixed")));
		this.listeners.fixed = true;
		await().atMost(WAIT).until(() -> this.listeners.fixedProcessed);
		await().atMost(WAIT)
			.until(() -> this.failures.stuckPartitions()
				.stream()
				.noneMatch((partition) -> partition.topic().equals("dlq-fixed")));
		try (Admin admin = broker.createAdmin()) {
			assertThat(admin.listOffsets(Map.of(new TopicPartition("dlq-fixed-dlt", 0), OffsetSpec.latest()))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(new TopicPartition("dlq-fixed-dlt", 0))
				.offset()).isZero();
		}
	}

	@Test
	void everyRecordOfSixPartitionsLandsInOneInTheOrderOfItsPartition() throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			for (int i = 0; i < 5; i++) {
				for (int partition = 0; partition < 6; partition++) {
					producer.send(new ProducerRecord<>("dlq-six", partition, null, bytes(partition + "-" + i)));
				}
			}
			producer.flush();
		}
		List<ConsumerRecord<byte[], byte[]>> dead = read("dlq-six-dlt", 1, 30);
		Map<String, List<String>> byPartition = dead.stream()
			.collect(Collectors.groupingBy((record) -> text(record, DeadLetterHeaders.SOURCE_PARTITION), Collectors
				.mapping((record) -> new String(record.value(), StandardCharsets.UTF_8), Collectors.toList())));
		assertThat(byPartition).hasSize(6);
		byPartition.forEach((partition, values) -> assertThat(values)
			.containsExactlyElementsOf(IntStream.range(0, 5).mapToObj((i) -> partition + "-" + i).toList()));
	}

	private long failedDispatchesMetric() {
		Matcher matcher = Pattern.compile("(?m)^karafka_dead_letter_dispatch_failures_total(?:\\{[^}]*\\})? (\\S+)$")
			.matcher(get("/actuator/prometheus"));
		assertThat(matcher.find()).isTrue();
		return (long) Double.parseDouble(matcher.group(1));
	}

	private String get(String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static NewTopic limited(String name) {
		return new NewTopic(name, 1, (short) 1).configs(Map.of("max.message.bytes", LIMIT_16_KB));
	}

	private static void raiseLimit(String topic) throws Exception {
		try (Admin admin = broker.createAdmin()) {
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
			admin
				.incrementalAlterConfigs(
						Map.of(resource,
								List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048576"),
										AlterConfigOp.OpType.SET))))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int partitions, int count) {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.PLAINTEXT)),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			Collection<TopicPartition> assigned = IntStream.range(0, partitions)
				.mapToObj((partition) -> new TopicPartition(topic, partition))
				.toList();
			consumer.assign(assigned);
			consumer.seekToBeginning(assigned);
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			await().atMost(WAIT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= count;
			});
			return records;
		}
	}

	private static KafkaProducer<byte[], byte[]> producer() {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.PLAINTEXT)),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static int headerBytes(ConsumerRecord<byte[], byte[]> record) {
		return StreamSupport.stream(record.headers().spliterator(), false)
			.mapToInt((header) -> header.key().length() + header.value().length)
			.sum();
	}

	private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
		Header found = record.headers().lastHeader(header);
		assertThat(found).as(header).isNotNull();
		return new String(found.value(), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DeadLetterApplication {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

	static class Listeners {

		final Queue<String> stuck = new ConcurrentLinkedQueue<>();

		final List<Long> bigAttempts = new CopyOnWriteArrayList<>();

		volatile int deepestStack;

		volatile boolean fixed;

		volatile boolean fixedProcessed;

		@KafkaListener(id = "hops", topics = "dlq-hops")
		void hops(String payload) {
			throw new IllegalStateException("hop refused");
		}

		@KafkaListener(id = "large", topics = "dlq-large")
		void large(String payload) {
			failDeep(400, payload);
		}

		@KafkaListener(id = "stuck", topics = "dlq-stuck")
		void stuck(String payload) {
			if (payload.startsWith("big:")) {
				this.bigAttempts.add(System.nanoTime() / 1_000_000);
				throw new IllegalStateException("too big to process");
			}
			this.stuck.add(payload);
		}

		@KafkaListener(id = "fixed", topics = "dlq-fixed")
		void fixed(String payload) {
			if (!this.fixed) {
				throw new IllegalStateException("not fixed yet");
			}
			this.fixedProcessed = true;
		}

		@KafkaListener(id = "six", topics = "dlq-six")
		void six(String payload) {
			throw new IllegalStateException("six refused");
		}

		private void failDeep(int depth, String payload) {
			if (depth > 0) {
				failDeep(depth - 1, payload);
				return;
			}
			IllegalStateException failure = new IllegalStateException("refused " + payload);
			this.deepestStack = failure.getStackTrace().length;
			throw failure;
		}

	}

}
