package dev.karafka.spring.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.deadletter.DeadLetterHeaders;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replay of a dead-letter topic with {@link KarafkaAdmin} on a broker where the
 * application's principal holds only PREFIXED ACLs, as on Heroku's multi-tenant plans:
 * the application names its topics without the prefix.
 *
 * @author karafka-spring
 */
class DeadLetterReplayIntegrationTests {

	private static final String PREFIX = "tenant-replay.";

	private static final String PRINCIPAL = "User:CN=karafka-client";

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static KafkaTestBroker broker;

	@BeforeAll
	static void startBrokerWithPrefixedAcls() throws Exception {
		broker = KafkaTestBroker.builder().listeners(Listener.SSL).authorizer(false).start();
		try (Admin admin = broker.createAdmin()) {
			admin
				.createAcls(List.of(prefixedAcl(ResourceType.TOPIC), prefixedAcl(ResourceType.GROUP),
						new AclBinding(
								new ResourcePattern(ResourceType.TOPIC, PREFIX + "payouts-dlt", PatternType.LITERAL),
								new AccessControlEntry(PRINCIPAL, "*", AclOperation.ALL, AclPermissionType.DENY))))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void replayedRangeIsConsumedAgainWithACleanHistory() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			RefundListener listener = context.getBean(RefundListener.class);
			KarafkaAdmin admin = context.getBean(KarafkaAdmin.class);
			@SuppressWarnings("unchecked")
			KafkaTemplate<String, String> template = context.getBean(KafkaTemplate.class);
			for (String refund : List.of("r1", "r2", "r3")) {
				template
					.send(new ProducerRecord<String, String>("refunds", null, null, refund,
							List.<Header>of(new RecordHeader("tenant", "t1".getBytes(StandardCharsets.UTF_8)))))
					.get(30, TimeUnit.SECONDS);
			}
			await().atMost(WAIT).until(() -> admin.readTopic("refunds-dlt", 0, 3).size() == 3);
			assertThat(admin.readTopic("refunds-dlt", 0, 3))
				.allSatisfy((dead) -> assertThat(text(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("refunds"));
			listener.failing = false;
			assertThat(admin.replayDeadLetters("refunds-dlt", 0, 1, 3)).isEqualTo(2);
			await().atMost(WAIT).untilAsserted(() -> assertThat(listener.consumed).containsExactly("r2", "r3"));
			assertThat(listener.deadLetterHeadersSeen).isFalse();
			assertThat(admin.replayDeadLetters("refunds-dlt", 0, 0, 1, "refunds-audit")).isEqualTo(1);
			ConsumerRecord<Object, Object> audited = admin.readTopic("refunds-audit", 0, 1).get(0);
			assertThat(audited.topic()).isEqualTo(PREFIX + "refunds-audit");
			assertThat(audited.value()).isEqualTo("r1");
			assertThat(text(audited, "tenant")).isEqualTo("t1");
			assertThat(audited.headers()).extracting(Header::key).doesNotContainAnyElementsOf(DeadLetterHeaders.NAMES);
		}
	}

	@Test
	void deadLetterTopicTheApplicationMayNotWriteBlocksThePartitionWithTheAuthorizationCause() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			context.getBean(KafkaTemplate.class).send("payouts", "p1").get(30, TimeUnit.SECONDS);
			context.getBean(KafkaTemplate.class).send("payouts", "p2").get(30, TimeUnit.SECONDS);
			DeadLetterDispatchFailures failures = context.getBean(DeadLetterDispatchFailures.class);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(failures.stuckPartitions()).singleElement().satisfies((stuck) -> {
					assertThat(stuck.topic()).isEqualTo("payouts");
					assertThat(stuck.deadLetterTopic()).isEqualTo("payouts-dlt");
					assertThat(stuck.cause()).isEqualTo("TopicAuthorizationException");
					assertThat(stuck.failures()).isGreaterThanOrEqualTo(2);
				}));
			assertThat(context.getBean(RefundListener.class).payouts).hasSizeGreaterThanOrEqualTo(2).containsOnly("p1");
		}
	}

	private static String text(ConsumerRecord<?, ?> record, String header) {
		return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
	}

	private static ConfigurableApplicationContext run() {
		TestCertificates certificates = broker.certificates();
		return new SpringApplicationBuilder(ReplayApplication.class).web(WebApplicationType.NONE)
			.properties("KAFKA_URL=kafka+ssl://" + broker.bootstrapServers(Listener.SSL),
					"KAFKA_TRUSTED_CERT=" + certificates.caCertificatePem(),
					"KAFKA_CLIENT_CERT=" + certificates.clientCertificatePem(),
					"KAFKA_CLIENT_CERT_KEY=" + certificates.clientKeyPkcs1Pem(), "KAFKA_PREFIX=" + PREFIX,
					"karafka.initial-offset=earliest", "karafka.dead-letter-queue.topic=refunds-dlt",
					"karafka.dead-letter-queue.max-retries=0",
					"karafka.topics.payouts.dead-letter-queue.topic=payouts-dlt", "karafka.pause.timeout=100ms",
					"spring.application.name=refunds-app", "server.port=0")
			.run();
	}

	private static AclBinding prefixedAcl(ResourceType type) {
		return new AclBinding(new ResourcePattern(type, PREFIX, PatternType.PREFIXED),
				new AccessControlEntry(PRINCIPAL, "*", AclOperation.ALL, AclPermissionType.ALLOW));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ReplayApplication {

		@Bean
		RefundListener refundListener() {
			return new RefundListener();
		}

		@Bean
		NewTopic refunds() {
			return TopicBuilder.name("refunds").partitions(1).replicas(1).build();
		}

		@Bean
		NewTopic refundsDeadLetters() {
			return TopicBuilder.name("refunds-dlt").partitions(1).replicas(1).build();
		}

		@Bean
		NewTopic refundsAudit() {
			return TopicBuilder.name("refunds-audit").partitions(1).replicas(1).build();
		}

		@Bean
		NewTopic payouts() {
			return TopicBuilder.name("payouts").partitions(1).replicas(1).build();
		}

	}

	static class RefundListener {

		final Queue<String> consumed = new ConcurrentLinkedQueue<>();

		volatile boolean failing = true;

		volatile boolean deadLetterHeadersSeen;

		final Queue<String> payouts = new ConcurrentLinkedQueue<>();

		@KafkaListener(topics = "refunds", groupId = "refunds-service")
		void onRefund(ConsumerRecord<String, String> record) {
			if (this.failing) {
				throw new IllegalStateException("Refund refused");
			}
			if (record.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC) != null) {
				this.deadLetterHeadersSeen = true;
			}
			this.consumed.add(record.value());
		}

		@KafkaListener(topics = "payouts", groupId = "payouts-service")
		void onPayout(String payout) {
			this.payouts.add(payout);
			throw new IllegalStateException("Payout refused");
		}

	}

}
