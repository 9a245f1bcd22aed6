package dev.karafka.spring.naming;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.admin.KarafkaAdmin;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the name prefix against a broker where the application's principal
 * holds only PREFIXED ACLs for {@code smoothboulder-1234.}, as on Heroku's multi-tenant
 * plans: the application, written with unprefixed names and given only the add-on's
 * environment, consumes, produces, replies, retries, dead-letters and creates topics.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class NamePrefixIntegrationTests {

	private static final String PREFIX = "smoothboulder-1234.";

	private static final String PRINCIPAL = "User:CN=karafka-client";

	private static KafkaTestBroker broker;

	@BeforeAll
	static void startBrokerWithPrefixedAcls() throws Exception {
		broker = KafkaTestBroker.builder().listeners(Listener.SSL).authorizer(false).start();
		try (Admin admin = broker.createAdmin()) {
			admin.createAcls(List.of(prefixedAcl(ResourceType.TOPIC), prefixedAcl(ResourceType.GROUP),
					prefixedAcl(ResourceType.TRANSACTIONAL_ID)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void applicationWithUnprefixedNamesWorksWithPrefixedAclsOnly() throws Exception {
		try (ConfigurableApplicationContext context = run(PrefixedApplication.class)) {
			KafkaTemplate<String, String> template = template(context);
			template.send("orders", "fail").get(30, TimeUnit.SECONDS);
			template.send("orders", "ok").get(30, TimeUnit.SECONDS);
			template.send("requests", "hello").get(30, TimeUnit.SECONDS);
			template.send("payments", "bad").get(30, TimeUnit.SECONDS);
			PrefixedListeners listeners = context.getBean(PrefixedListeners.class);
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				assertThat(listeners.orders).contains("ok");
				assertThat(listeners.replies).contains("HELLO");
				assertThat(listeners.deadLetterTopics).containsExactlyInAnyOrder(PREFIX + "orders-dlt",
						PREFIX + "payments-dlt");
			});
			assertThat(listeners.logicalTopics).containsExactlyInAnyOrder("orders-dlt", "payments-dlt");
			try (Admin admin = broker.createAdmin()) {
				assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
					.allMatch((name) -> name.startsWith(PREFIX))
					.contains(PREFIX + "orders", PREFIX + "orders-retry", PREFIX + "orders-dlt", PREFIX + "requests",
							PREFIX + "replies", PREFIX + "payments", PREFIX + "payments-dlt", PREFIX + "invoices");
				assertThat(admin.describeTopics(List.of(PREFIX + "orders"))
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.get(PREFIX + "orders")
					.partitions()).hasSize(2);
				assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
					.extracting(ConsumerGroupListing::groupId)
					.allMatch((group) -> group.startsWith(PREFIX))
					.contains(PREFIX + "orders-service", PREFIX + "replier");
			}
		}
	}

	@Test
	void retryTopicConfigurationBeanNamingTheApplicationsTopicAppliesToItsListener() throws Exception {
		try (ConfigurableApplicationContext context = run(RetryConfiguredApplication.class)) {
			template(context).send("shipments", "lost").get(30, TimeUnit.SECONDS);
			ShipmentListener listener = context.getBean(ShipmentListener.class);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(listener.topics).containsExactly(PREFIX + "shipments",
						PREFIX + "shipments-retry-100", PREFIX + "shipments-dlt"));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void programmaticContainerWithAGroupIdSetByHandJoinsThePrefixedGroup() throws Exception {
		try (ConfigurableApplicationContext context = run(ClientsApplication.class)) {
			template(context).send("audits", "audited").get(30, TimeUnit.SECONDS);
			Queue<String> audited = new ConcurrentLinkedQueue<>();
			ConcurrentKafkaListenerContainerFactory<String, String> factory = context
				.getBean(ConcurrentKafkaListenerContainerFactory.class);
			ConcurrentMessageListenerContainer<String, String> container = factory.createContainer("audits");
			container.getContainerProperties().setGroupId("auditor");
			container.getContainerProperties()
				.setMessageListener((MessageListener<String, String>) (record) -> audited.add(record.value()));
			container.start();
			try {
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(audited).contains("audited"));
			}
			finally {
				container.stop();
			}
			try (Admin admin = broker.createAdmin()) {
				assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
					.extracting(ConsumerGroupListing::groupId)
					.contains(PREFIX + "auditor");
			}
		}
	}

	@Test
	void transactionalIdsGetThePrefix() throws Exception {
		try (ConfigurableApplicationContext context = run(ClientsApplication.class,
				"spring.kafka.producer.transaction-id-prefix=tx-")) {
			template(context).executeInTransaction((operations) -> operations.send("transactions", "committed"))
				.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void karafkaAdminWorksOnThePrefixedGroupsAndTopics() throws Exception {
		try (ConfigurableApplicationContext context = run(ClientsApplication.class)) {
			template(context).send("ledger", "entry").get(30, TimeUnit.SECONDS);
			KarafkaAdmin admin = context.getBean(KarafkaAdmin.class);
			TopicPartition ledger = new TopicPartition("ledger", 0);
			admin.seekConsumerGroup("bookkeepers", Map.of(ledger, 1L));
			assertThat(admin.readConsumerGroupOffsets("bookkeepers")).containsExactly(Map.entry(ledger, 1L));
			assertThat(admin.readTopic("ledger", 0, 1)).extracting(ConsumerRecord::value).containsExactly("entry");
			admin.deleteConsumerGroup("bookkeepers");
			assertThat(admin.readConsumerGroupOffsets("bookkeepers")).isEmpty();
		}
	}

	@Test
	void withoutThePrefixTheBrokerRefusesTopicsGroupsAndTransactionalIds() {
		try (ConfigurableApplicationContext context = run(ClientsApplication.class, "karafka.prefix=",
				"spring.kafka.producer.transaction-id-prefix=tx-",
				"spring.kafka.producer.properties[max.block.ms]=10000")) {
			ProducerFactory<String, String> producerFactory = template(context).getProducerFactory();
			try (Producer<String, String> producer = producerFactory.createNonTransactionalProducer()) {
				assertThatExceptionOfType(Exception.class)
					.isThrownBy(
							() -> producer.send(new ProducerRecord<>("orders", "refused")).get(30, TimeUnit.SECONDS))
					.withRootCauseInstanceOf(TopicAuthorizationException.class);
			}
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(
						() -> template(context).executeInTransaction((operations) -> operations.send("orders", "x")))
				.withRootCauseInstanceOf(TransactionalIdAuthorizationException.class);
			@SuppressWarnings("unchecked")
			ConsumerFactory<String, String> consumerFactory = context.getBean(ConsumerFactory.class);
			try (Consumer<String, String> consumer = consumerFactory.createConsumer("orders-service", null)) {
				consumer.subscribe(List.of(PREFIX + "orders"));
				assertThatExceptionOfType(GroupAuthorizationException.class)
					.isThrownBy(() -> consumer.poll(Duration.ofSeconds(30)));
			}
			assertThatExceptionOfType(KafkaException.class)
				.isThrownBy(() -> context.getBean(KarafkaAdmin.class)
					.seekConsumerGroup("bookkeepers", Map.of(new TopicPartition(PREFIX + "ledger", 0), 0L)))
				.withRootCauseInstanceOf(GroupAuthorizationException.class);
		}
	}

	@Test
	void applicationWithLatestOffsetResetLosesNoRecordSentWhileItWasStopped(CapturedOutput output) throws Exception {
		createTopic(PREFIX + "deliveries", 3);
		try (ConfigurableApplicationContext context = runWithKafkaDefaults(DeliveriesApplication.class,
				"spring.kafka.consumer.auto-offset-reset=latest")
			.run()) {
			DeliveriesListener listener = context.getBean(DeliveriesListener.class);
			await().atMost(Duration.ofSeconds(90))
				.untilAsserted(() -> assertThat(listener.assigned).containsExactlyInAnyOrder(
						new TopicPartition(PREFIX + "deliveries", 0), new TopicPartition(PREFIX + "deliveries", 1),
						new TopicPartition(PREFIX + "deliveries", 2)));
		}
		try (Admin admin = broker.createAdmin()) {
			assertThat(admin.listConsumerGroupOffsets(PREFIX + "deliveries-service")
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS)).as("positions committed on assignment")
				.hasSize(3)
				.allSatisfy((partition, offset) -> assertThat(offset.offset()).isZero());
		}
		try (ConfigurableApplicationContext context = runWithKafkaDefaults(ClientsApplication.class).run()) {
			template(context).send("deliveries", 2, null, "sent while stopped").get(30, TimeUnit.SECONDS);
		}
		try (ConfigurableApplicationContext context = runWithKafkaDefaults(DeliveriesApplication.class,
				"spring.kafka.consumer.auto-offset-reset=latest")
			.run()) {
			DeliveriesListener listener = context.getBean(DeliveriesListener.class);
			await().atMost(Duration.ofSeconds(90))
				.untilAsserted(() -> assertThat(listener.deliveries).containsExactly("sent while stopped"));
		}
		assertThat(output).doesNotContain("argument type mismatch")
			.doesNotContain("failed on invocation of onPartitionsAssigned");
	}

	@Test
	void transactionalIdOfKarafkaProducerKafkaGetsThePrefix() throws Exception {
		try (ConfigurableApplicationContext context = run(ClientsApplication.class,
				"karafka.producer.kafka[transactional.id]=tx-karafka-")) {
			template(context).executeInTransaction((operations) -> operations.send("karafka-transactions", "committed"))
				.get(30, TimeUnit.SECONDS);
			assertThat(context.getBean(KarafkaAdmin.class).readTopic("karafka-transactions", 0, 2))
				.extracting(ConsumerRecord::value)
				.containsExactly("committed");
		}
		try (Admin admin = broker.createAdmin()) {
			assertThat(admin.listTransactions().all().get(30, TimeUnit.SECONDS))
				.extracting(TransactionListing::transactionalId)
				.anyMatch((id) -> id.startsWith(PREFIX + "tx-karafka-"));
			assertThat(NamePrefixClients.admin(admin, NamePrefix.of(PREFIX))
				.listTransactions(new ListTransactionsOptions().filterOnTransactionalIdPattern("tx-karafka-.*"))
				.all()
				.get(30, TimeUnit.SECONDS)).as("transactions listed by a pattern of unprefixed ids")
				.extracting(TransactionListing::transactionalId)
				.isNotEmpty()
				.allMatch((id) -> id.startsWith(PREFIX + "tx-karafka-"));
		}
	}

	@Test
	void kafkaStreamsTopologyWithLogicalNamesRunsOnHerokuVariablesWithPrefixedTopics(@TempDir Path stateDir)
			throws Exception {
		createTopic(PREFIX + "words", 1);
		createTopic(PREFIX + "word-counts", 1);
		createTopic(PREFIX + "word-owners", 1);
		createTopic(PREFIX + "owner-counts", 1);
		try (ConfigurableApplicationContext context = runWithKafkaDefaults(WordCountApplication.class,
				"spring.application.name=word-counter", "spring.kafka.streams.state-dir=" + stateDir,
				"spring.kafka.streams.properties[default.key.serde]=" + Serdes.StringSerde.class.getName(),
				"spring.kafka.streams.properties[default.value.serde]=" + Serdes.StringSerde.class.getName(),
				"spring.kafka.streams.properties[commit.interval.ms]=100")
			.run()) {
			for (String word : List.of("kafka", "streams", "kafka")) {
				template(context).send("words", word).get(30, TimeUnit.SECONDS);
			}
			template(context).send("word-owners", "kafka", "alice").get(30, TimeUnit.SECONDS);
			template(context).send("word-owners", "streams", "alice").get(30, TimeUnit.SECONDS);
			template(context).send("word-owners", "spring", "bob").get(30, TimeUnit.SECONDS);
			KarafkaAdmin karafkaAdmin = context.getBean(KarafkaAdmin.class);
			await().atMost(Duration.ofSeconds(120))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(karafkaAdmin.readTopic("word-counts", 0, 10))
					.extracting(ConsumerRecord::key, ConsumerRecord::value)
					.contains(tuple("kafka", "2"), tuple("streams", "1")));
			await().atMost(Duration.ofSeconds(120))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(karafkaAdmin.readTopic("owner-counts", 0, 10))
					.extracting(ConsumerRecord::key, ConsumerRecord::value)
					.contains(tuple("alice", "2"), tuple("bob", "1")));
		}
		try (Admin admin = broker.createAdmin()) {
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("prefixed once")
				.noneMatch((name) -> name.startsWith(PREFIX + PREFIX));
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
				.filteredOn((name) -> name.contains("word-counter"))
				.allMatch((name) -> name.startsWith(PREFIX + "word-counter-"))
				.anyMatch((name) -> name.endsWith("-repartition"))
				.anyMatch((name) -> name.endsWith("-changelog"));
			assertThat(admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS))
				.extracting(ConsumerGroupListing::groupId)
				.contains(PREFIX + "word-counter");
		}
	}

	private static ConfigurableApplicationContext run(Class<?> application, String... properties) {
		return runWithKafkaDefaults(application, "spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.application.name=prefixed-app")
			.properties(properties)
			.run();
	}

	private static SpringApplicationBuilder runWithKafkaDefaults(Class<?> application, String... properties) {
		TestCertificates certificates = broker.certificates();
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("KAFKA_URL=kafka+ssl://" + broker.bootstrapServers(Listener.SSL),
					"KAFKA_TRUSTED_CERT=" + certificates.caCertificatePem(),
					"KAFKA_CLIENT_CERT=" + certificates.clientCertificatePem(),
					"KAFKA_CLIENT_CERT_KEY=" + certificates.clientKeyPkcs1Pem(), "KAFKA_PREFIX=" + PREFIX,
					"server.port=0")
			.properties(properties);
	}

	private static void createTopic(String name, int partitions) throws Exception {
		try (Admin admin = broker.createAdmin()) {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	@SuppressWarnings("unchecked")
	private static KafkaTemplate<String, String> template(ConfigurableApplicationContext context) {
		return context.getBean(KafkaTemplate.class);
	}

	private static AclBinding prefixedAcl(ResourceType type) {
		return new AclBinding(new ResourcePattern(type, PREFIX, PatternType.PREFIXED),
				new AccessControlEntry(PRINCIPAL, "*", AclOperation.ALL, AclPermissionType.ALLOW));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ClientsApplication {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DeliveriesApplication {

		@Bean
		DeliveriesListener deliveriesListener() {
			return new DeliveriesListener();
		}

	}

	static class DeliveriesListener implements ConsumerSeekAware {

		private final Queue<TopicPartition> assigned = new ConcurrentLinkedQueue<>();

		private final Queue<String> deliveries = new ConcurrentLinkedQueue<>();

		@KafkaListener(topics = "deliveries", groupId = "deliveries-service")
		void onDelivery(String delivery) {
			this.deliveries.add(delivery);
		}

		@Override
		public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
			this.assigned.addAll(assignments.keySet());
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableKafkaStreams
	static class WordCountApplication {

		/**
		 * Logical names, except one written with the prefix by hand, as before the
		 * starter prefixed topologies: it gets it once.
		 */
		@Bean
		KStream<String, String> words(StreamsBuilder builder, NamePrefix prefix) {
			KStream<String, String> words = builder.stream("words");
			words.groupBy((key, word) -> word).count().toStream().mapValues(String::valueOf).to("word-counts");
			builder.<String, String>table(prefix.apply("word-owners"))
				.groupBy((word, owner) -> KeyValue.pair(owner, word))
				.count()
				.toStream()
				.mapValues(String::valueOf)
				.to("owner-counts");
			return words;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PrefixedApplication {

		@Bean
		PrefixedListeners prefixedListeners(NamePrefix prefix) {
			return new PrefixedListeners(prefix);
		}

		@Bean
		DefaultErrorHandler deadLetterErrorHandler(KafkaTemplate<Object, Object> template) {
			return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template), new FixedBackOff(0, 0));
		}

		@Bean
		org.apache.kafka.clients.admin.NewTopic orders() {
			return TopicBuilder.name("orders").partitions(2).replicas(1).build();
		}

		@Bean
		org.apache.kafka.clients.admin.NewTopic payments() {
			return TopicBuilder.name("payments").partitions(1).replicas(1).build();
		}

		@Bean
		org.apache.kafka.clients.admin.NewTopic paymentsDeadLetters() {
			return TopicBuilder.name(PREFIX + "payments-dlt").partitions(1).replicas(1).build();
		}

		@Bean
		KafkaAdmin.NewTopics billingTopics() {
			return new KafkaAdmin.NewTopics(TopicBuilder.name("invoices").partitions(1).replicas(1).build());
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class RetryConfiguredApplication {

		@Bean
		ShipmentListener shipmentListener() {
			return new ShipmentListener();
		}

		@Bean
		RetryTopicConfiguration shipmentRetryTopics(KafkaTemplate<Object, Object> template) {
			return RetryTopicConfigurationBuilder.newInstance()
				.includeTopic("shipments")
				.maxAttempts(2)
				.fixedBackOff(100)
				.dltHandlerMethod("shipmentListener", "onDeadShipment")
				.create(template);
		}

	}

	static class ShipmentListener {

		private final Queue<String> topics = new ConcurrentLinkedQueue<>();

		@KafkaListener(topics = "shipments", groupId = "shipments-service")
		void onShipment(String shipment, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic) {
			this.topics.add(topic);
			throw new IllegalStateException("Shipment lost");
		}

		void onDeadShipment(String shipment, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic) {
			this.topics.add(topic);
		}

	}

	static class PrefixedListeners {

		private final NamePrefix prefix;

		private final Queue<String> orders = new ConcurrentLinkedQueue<>();

		private final Queue<String> replies = new ConcurrentLinkedQueue<>();

		private final Queue<String> deadLetterTopics = new ConcurrentLinkedQueue<>();

		private final Queue<String> logicalTopics = new ConcurrentLinkedQueue<>();

		PrefixedListeners(NamePrefix prefix) {
			this.prefix = prefix;
		}

		@RetryableTopic(attempts = "2", backOff = @BackOff(delay = 100))
		@KafkaListener(topics = "orders", groupId = "orders-service")
		void onOrder(String order) {
			if (order.equals("fail")) {
				throw new IllegalStateException("Order failed");
			}
			this.orders.add(order);
		}

		@DltHandler
		void onDeadOrder(ConsumerRecord<String, String> record) {
			deadLetter(record);
		}

		@KafkaListener(topics = "${requests.topic:requests}", groupId = "replier")
		@SendTo("replies")
		String onRequest(String request) {
			return request.toUpperCase();
		}

		@KafkaListener(id = "reply-reader", topics = "replies")
		void onReply(String reply) {
			this.replies.add(reply);
		}

		@KafkaListener(topics = "payments", groupId = "payments-service")
		void onPayment(String payment) {
			throw new IllegalStateException("Payment refused");
		}

		@KafkaListener(topicPattern = "payments-d.t", groupId = "payments-dlt-reader")
		void onDeadPayment(ConsumerRecord<String, String> record) {
			deadLetter(record);
		}

		private void deadLetter(ConsumerRecord<String, String> record) {
			this.deadLetterTopics.add(record.topic());
			this.logicalTopics.add(this.prefix.logicalTopic(record));
		}

	}

}
