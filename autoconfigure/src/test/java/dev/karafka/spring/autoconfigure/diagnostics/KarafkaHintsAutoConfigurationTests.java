package dev.karafka.spring.autoconfigure.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.health.KarafkaReadinessAutoConfiguration;
import dev.karafka.spring.diagnostics.hint.ClientErrorHints;
import dev.karafka.spring.diagnostics.hint.TroubleshootingHints;
import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaHintsAutoConfiguration}.
 *
 * @author karafka-spring
 */
class KarafkaHintsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				SslAutoConfiguration.class, KarafkaReadinessAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, KarafkaHintsAutoConfiguration.class))
		.withPropertyValues("karafka.prefix=tenant-1.");

	@Test
	void hintsObserveTheKafkaClientsLogWhileTheContextRuns() {
		this.contextRunner.run((context) -> {
			TroubleshootingHints hints = context.getBean(TroubleshootingHints.class);
			LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient")
				.warn("[Consumer clientId=consumer-1, groupId=orders] The metadata response from the cluster reported"
						+ " a recoverable issue with correlation id 2 : {tenant-1.orders=TOPIC_AUTHORIZATION_FAILED}");
			assertThat(hints.activeHints()).containsKey("topic-authorization.orders");
		});
	}

	@Test
	void readinessShowsTheHints() {
		this.contextRunner
			.withPropertyValues("karafka.bootstrap-servers=127.0.0.1:1", "karafka.readiness.timeout=200ms")
			.run((context) -> {
				context.getBean(TroubleshootingHints.class)
					.report(GroupAuthorizationException.forGroupId("tenant-1.orders-service"));
				Health health = context.getBean("kafkaHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getDetails().get("hint")).asString()
					.contains("consumer group 'orders-service' ('tenant-1.orders-service' to the brokers)");
			});
	}

	@Test
	void listenerPassingAuthorizationEndsTheAuthorizationHintsOfItsGroupAndTopicsOnly() {
		this.contextRunner.run((context) -> {
			TroubleshootingHints hints = context.getBean(TroubleshootingHints.class);
			hints.report(GroupAuthorizationException.forGroupId("tenant-1.orders-service"));
			hints.report(GroupAuthorizationException.forGroupId("tenant-1.audit-service"));
			hints.report(new TopicAuthorizationException(Set.of("tenant-1.orders", "tenant-1.audit")));
			ContainerProperties properties = new ContainerProperties("tenant-1.orders");
			properties.setGroupId("tenant-1.orders-service");
			ConcurrentMessageListenerContainer<?, ?> container = new ConcurrentMessageListenerContainer<>(
					new DefaultKafkaConsumerFactory<>(Map.of()), properties);
			context.publishEvent(new ConsumerRetryAuthSuccessfulEvent(container, container));
			assertThat(hints.activeHints())
				.containsKeys("group-authorization.audit-service", "topic-authorization.audit")
				.doesNotContainKeys("group-authorization.orders-service", "topic-authorization.orders");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "karafka.bootstrap-servers=kafka-1.internal:9092|'karafka.bootstrap-servers'",
					"KAFKA_URL=kafka+ssl://kafka-1.internal:9096|'KAFKA_URL'",
					"spring.kafka.bootstrap-servers=kafka-1.internal:9092|'spring.kafka.bootstrap-servers'" })
	void unreachableHintNamesTheSettingOfTheBootstrapServers(String setting, String named) {
		this.contextRunner.withPropertyValues(setting)
			.run((context) -> assertThat(context.getBean(ClientErrorHints.class).unreachable(null).text())
				.contains("the bootstrap servers, from " + named + ", and"));
	}

	@Test
	void unreachableHintWithoutBootstrapServersNamesSpringBootsDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ClientErrorHints.class).unreachable(null).text())
			.contains("from Spring Boot's default, localhost:9092 (none of karafka.bootstrap-servers, KAFKA_URL "
					+ "and spring.kafka.bootstrap-servers is set)"));
	}

	@Test
	void unreachableHintNamesTheOriginOfTheApplicationsConnectionDetails() {
		this.contextRunner.withPropertyValues("karafka.bootstrap-servers=kafka-1.internal:9092")
			.withBean(KafkaConnectionDetails.class, OriginatedConnectionDetails::new)
			.run((context) -> assertThat(context.getBean(ClientErrorHints.class).unreachable(null).text())
				.contains("the bootstrap servers, from the orders cluster container, and")
				.doesNotContain("karafka.bootstrap-servers"));
	}

	@Test
	void withoutLogbackHintsComeFromReadinessOnly() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("ch.qos.logback"))
			.run((context) -> assertThat(context).hasSingleBean(TroubleshootingHints.class)
				.doesNotHaveBean(ClientLogHintsRegistrar.class));
	}

	@Test
	void applicationsHintsWin() {
		this.contextRunner
			.withBean("myHints", TroubleshootingHints.class,
					() -> new TroubleshootingHints(
							new ClientErrorHints(NamePrefix.NONE, Map::of, () -> false, () -> null),
							Duration.ofSeconds(1), Clock.systemUTC()))
			.run((context) -> assertThat(context).hasSingleBean(TroubleshootingHints.class).hasBean("myHints"));
	}

	@Test
	void disabledStarterHasNoHints() {
		this.contextRunner.withPropertyValues("karafka.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TroubleshootingHints.class));
	}

	static class OriginatedConnectionDetails implements KafkaConnectionDetails, OriginProvider {

		@Override
		public List<String> getBootstrapServers() {
			return List.of("localhost:19092");
		}

		@Override
		public Origin getOrigin() {
			return new Origin() {

				@Override
				public String toString() {
					return "the orders cluster container";
				}

			};
		}

	}

}
