package dev.karafka.spring.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.naming.NamePrefixProducerInterceptor;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.assertInvalidSetting;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.consumerConfig;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.producerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for the name prefix configuration of {@link KarafkaAutoConfiguration}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class NamePrefixConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				SslAutoConfiguration.class));

	@Test
	void herokuPrefixIsTheDefault() {
		this.contextRunner.withPropertyValues("KAFKA_PREFIX=smoothboulder-1234.")
			.run((context) -> assertThat(context.getBean(NamePrefix.class).value()).isEqualTo("smoothboulder-1234."));
	}

	@Test
	void karafkaPrefixWinsOverHeroku() {
		this.contextRunner.withPropertyValues("KAFKA_PREFIX=smoothboulder-1234.", "karafka.prefix=explicit.")
			.run((context) -> assertThat(context.getBean(NamePrefix.class).value()).isEqualTo("explicit."));
	}

	@Test
	void emptyKarafkaPrefixTurnsThePrefixOff() {
		this.contextRunner.withPropertyValues("KAFKA_PREFIX=smoothboulder-1234.", "karafka.prefix=")
			.run((context) -> assertThat(context.getBean(NamePrefix.class).isEmpty()).isTrue());
	}

	@Test
	void disabledHerokuIgnoresItsPrefix() {
		this.contextRunner.withPropertyValues("KAFKA_PREFIX=smoothboulder-1234.", "karafka.heroku.enabled=false")
			.run((context) -> assertThat(context.getBean(NamePrefix.class).isEmpty()).isTrue());
	}

	@Test
	void envPrefixReadsThePrefixOfAnotherAddOn() {
		this.contextRunner
			.withPropertyValues("HEROKU_KAFKA_CRIMSON_PREFIX=crimson-5678.",
					"karafka.heroku.env-prefix=HEROKU_KAFKA_CRIMSON")
			.run((context) -> assertThat(context.getBean(NamePrefix.class).value()).isEqualTo("crimson-5678."));
	}

	@Test
	void defaultGroupGetsThePrefix() {
		this.contextRunner.withPropertyValues("karafka.prefix=p.", "spring.application.name=users-service")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("group.id", "p.users-service"));
	}

	@Test
	void springKafkaGroupGetsThePrefixOnce() {
		this.contextRunner.withPropertyValues("karafka.prefix=p.", "spring.kafka.consumer.group-id=p.users-service")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("group.id", "p.users-service"));
	}

	@Test
	void producerInterceptorIsAddedAfterTheApplicationsOwn() {
		this.contextRunner
			.withPropertyValues("karafka.prefix=p.",
					"spring.kafka.producer.properties[interceptor.classes]=com.example.AuditInterceptor")
			.run((context) -> assertThat(producerConfig(context))
				.containsEntry("interceptor.classes",
						"com.example.AuditInterceptor," + NamePrefixProducerInterceptor.class.getName())
				.containsEntry(NamePrefixProducerInterceptor.PREFIX_CONFIG, "p."));
	}

	@Test
	void transactionIdPrefixGetsThePrefix() {
		this.contextRunner.withPropertyValues("karafka.prefix=p.", "spring.kafka.producer.transaction-id-prefix=tx-")
			.run((context) -> assertThat(context.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix())
				.isEqualTo("p.tx-"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "karafka.prefix", "KAFKA_PREFIX" })
	void prefixWithCharactersKafkaRefusesInTopicNamesFailsStartupNamingItsSource(String setting) {
		assertInvalidSetting(this.contextRunner.withPropertyValues(setting + "=my app/"), setting,
				"'my app/' has characters Kafka does not accept in topic names",
				"Use only ASCII letters, digits, '.', '_' and '-'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "karafka.kafka[transactional.id]", "karafka.producer.kafka[transactional.id]",
			"spring.kafka.producer.properties[transactional.id]" })
	void transactionalIdFromEverySourceGetsThePrefixOnce(String setting) {
		this.contextRunner.withPropertyValues("karafka.prefix=p.", setting + "=tx-1").run((context) -> {
			assertThat(context.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix()).isEqualTo("p.tx-1");
			assertThat(context.getBean(DefaultKafkaProducerFactory.class).transactionCapable()).isTrue();
		});
		this.contextRunner.withPropertyValues("karafka.prefix=p.", setting + "=p.tx-1")
			.run((context) -> assertThat(context.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix())
				.isEqualTo("p.tx-1"));
	}

	@Test
	void prefixWithoutSeparatorLogsOneWarningShowingATopicOfTheApplication(CapturedOutput output) {
		this.contextRunner.withPropertyValues("karafka.prefix=tenant")
			.withUserConfiguration(OrdersListener.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.publishEvent(new ContextRefreshedEvent(context));
			});
		assertThat(output).containsOnlyOnce("does not end with '.', '-' or '_'")
			.contains("topic 'orders' is 'tenantorders' on the broker");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tenant.", "tenant-", "tenant_", "" })
	void prefixWithSeparatorOrNoneLogsNoWarning(String prefix, CapturedOutput output) {
		this.contextRunner.withPropertyValues("karafka.prefix=" + prefix)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("does not end with");
	}

	@Test
	void newTopicBeansGetThePrefix() {
		this.contextRunner.withPropertyValues("karafka.prefix=p.", "spring.kafka.admin.auto-create=false")
			.withBean("orders", NewTopic.class,
					() -> TopicBuilder.name("orders").partitions(3).config("retention.ms", "1000").build())
			.run((context) -> {
				NewTopic topic = context.getBean("orders", NewTopic.class);
				assertThat(topic.name()).isEqualTo("p.orders");
				assertThat(topic.numPartitions()).isEqualTo(3);
				assertThat(topic.configs()).containsEntry("retention.ms", "1000");
			});
	}

	@Test
	void newTopicsBeansGetThePrefix() {
		this.contextRunner.withPropertyValues("karafka.prefix=p.", "spring.kafka.admin.auto-create=false")
			.withBean("billing", KafkaAdmin.NewTopics.class,
					() -> new KafkaAdmin.NewTopics(TopicBuilder.name("invoices").partitions(2).build(),
							TopicBuilder.name("p.refunds").build()))
			.run((context) -> {
				NewTopicsReader admin = new NewTopicsReader();
				admin.setApplicationContext(context);
				assertThat(admin.newTopics()).extracting(NewTopic::name, NewTopic::numPartitions)
					.containsExactlyInAnyOrder(tuple("p.invoices", 2), tuple("p.refunds", -1));
			});
	}

	@Test
	void retryTopicConfigurationTopicsGetThePrefix() {
		KafkaTemplate<Object, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
		this.contextRunner.withPropertyValues("karafka.prefix=p.")
			.withBean("included", RetryTopicConfiguration.class,
					() -> RetryTopicConfigurationBuilder.newInstance()
						.includeTopics(List.of("orders", "p.payments"))
						.create(template))
			.withBean("excluded", RetryTopicConfiguration.class,
					() -> RetryTopicConfigurationBuilder.newInstance().excludeTopic("audits").create(template))
			.run((context) -> {
				RetryTopicConfiguration included = context.getBean("included", RetryTopicConfiguration.class);
				assertThat(included.hasConfigurationForTopics(new String[] { "p.orders", "p.payments" })).isTrue();
				assertThat(included.hasConfigurationForTopics(new String[] { "p.shipments" })).isFalse();
				RetryTopicConfiguration excluded = context.getBean("excluded", RetryTopicConfiguration.class);
				assertThat(excluded.hasConfigurationForTopics(new String[] { "p.audits" })).isFalse();
				assertThat(excluded.hasConfigurationForTopics(new String[] { "p.orders" })).isTrue();
			});
	}

	@Test
	void consumerFactoryKeepsItsTypeAndPrefixesTheGroupIdsItIsGiven() {
		this.contextRunner.withPropertyValues("karafka.prefix=p.").run((context) -> {
			DefaultKafkaConsumerFactory<?, ?> factory = context.getBean(DefaultKafkaConsumerFactory.class);
			try (Consumer<?, ?> consumer = factory.createConsumer("audit", "-1")) {
				assertThat(consumer.groupMetadata().groupId()).isEqualTo("p.audit");
			}
			try (Consumer<?, ?> consumer = factory.createConsumer("p.billing", null, null, new Properties())) {
				assertThat(consumer.groupMetadata().groupId()).isEqualTo("p.billing");
			}
		});
	}

	@Test
	void withoutPrefixClientsAreLeftAlone() {
		this.contextRunner.withPropertyValues("spring.application.name=users-service").run((context) -> {
			assertThat(consumerConfig(context)).containsEntry("group.id", "users-service");
			assertThat(producerConfig(context)).doesNotContainKey("interceptor.classes");
			assertThat(AopUtils.isAopProxy(context.getBean(ConsumerFactory.class))).isFalse();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafka
	static class OrdersListener {

		@KafkaListener(topics = "orders", groupId = "orders-service", autoStartup = "false")
		void onOrder(String order) {
		}

	}

	/**
	 * Reads the topics that {@link KafkaAdmin} creates, as its {@code initialize()} does.
	 */
	static class NewTopicsReader extends KafkaAdmin {

		NewTopicsReader() {
			super(Map.of());
		}

		@Override
		public Collection<NewTopic> newTopics() {
			return super.newTopics();
		}

	}

}
