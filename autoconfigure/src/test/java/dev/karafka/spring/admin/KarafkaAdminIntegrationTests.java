package dev.karafka.spring.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link KarafkaAdmin} against a real broker, with a prefix: the application
 * names groups and topics as it knows them, the broker sees them prefixed.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = KarafkaAdminIntegrationTests.LedgerApplication.class, properties = {
		"karafka.prefix=tenant-9.", "karafka.initial-offset=earliest", "karafka.admin.group-id=ledger-admin" })
class KarafkaAdminIntegrationTests {

	private static final TopicPartition LEDGER = new TopicPartition("ledger", 0);

	@Autowired
	private KarafkaAdmin admin;

	@Autowired
	private ConsumerFactory<Object, Object> consumerFactory;

	@BeforeAll
	static void fillLedger(@Autowired KafkaTemplate<Object, Object> template) throws Exception {
		for (String entry : List.of("a", "b", "c", "d", "e")) {
			template.send("ledger", entry).get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void readTopicReadsTheLastRecordsOfAPartition() {
		assertThat(this.admin.readTopic("ledger", 0, 3)).extracting(ConsumerRecord::value)
			.containsExactly("c", "d", "e");
		assertThat(this.admin.readTopic("ledger", 0, 10)).extracting(ConsumerRecord::topic, ConsumerRecord::value)
			.containsExactly(record("a"), record("b"), record("c"), record("d"), record("e"));
	}

	@Test
	void readTopicCommitsNothingForTheAdminGroup() throws Exception {
		this.admin.readTopic("ledger", 0, 2);
		assertThat(this.admin.readConsumerGroupOffsets("ledger-admin")).isEmpty();
		try (Admin client = KafkaTestBroker.shared().createAdmin()) {
			assertThat(client.listConsumerGroupOffsets("tenant-9.ledger-admin")
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS)).isEmpty();
		}
	}

	@Test
	void seekConsumerGroupMovesThePrefixedGroupsOffsets() throws Exception {
		this.admin.seekConsumerGroup("auditors", Map.of(LEDGER, 3L));
		assertThat(this.admin.readConsumerGroupOffsets("auditors")).containsExactly(Map.entry(LEDGER, 3L));
		try (Admin client = KafkaTestBroker.shared().createAdmin()) {
			assertThat(client.listConsumerGroupOffsets("tenant-9.auditors")
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS))
				.containsExactly(Map.entry(new TopicPartition("tenant-9.ledger", 0), new OffsetAndMetadata(3)));
		}
		try (Consumer<Object, Object> consumer = this.consumerFactory.createConsumer("auditors", null)) {
			consumer.subscribe(List.of("ledger"));
			List<Object> values = new ArrayList<>();
			await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
				return !values.isEmpty();
			});
			assertThat(values).first().isEqualTo("d");
		}
	}

	@Test
	void deleteConsumerGroupRemovesThePrefixedGroup() throws Exception {
		this.admin.seekConsumerGroup("retired", Map.of(LEDGER, 1L));
		try (Admin client = KafkaTestBroker.shared().createAdmin()) {
			assertThat(groups(client)).contains("tenant-9.retired");
			this.admin.deleteConsumerGroup("retired");
			assertThat(groups(client)).doesNotContain("tenant-9.retired");
		}
		assertThat(this.admin.readConsumerGroupOffsets("retired")).isEmpty();
	}

	private static List<String> groups(Admin client) throws Exception {
		return client.listConsumerGroups()
			.all()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.map(ConsumerGroupListing::groupId)
			.toList();
	}

	private static Tuple record(String value) {
		return tuple("tenant-9.ledger", value);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LedgerApplication {

		@Bean
		NewTopic ledger() {
			return TopicBuilder.name("ledger").partitions(1).replicas(1).build();
		}

	}

}
