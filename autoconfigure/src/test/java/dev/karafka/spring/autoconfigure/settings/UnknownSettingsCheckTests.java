package dev.karafka.spring.autoconfigure.settings;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.autoconfigure.settings.UnknownSettingsCheck.KnownSettings;
import dev.karafka.spring.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownSettingsCheck}.
 *
 * @author karafka-spring
 */
class UnknownSettingsCheckTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaSettingsCheckAutoConfiguration.class));

	@Test
	void misspeltSettingFailsStartUpNamingTheSettingItProbablyMeans() {
		this.contextRunner.withPropertyValues("karafka.inital-offset=latest").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.inital-offset");
				assertThat(ex.getProblem()).contains("did you mean 'karafka.initial-offset'?");
			});
		});
	}

	@Test
	void settingWrittenWithoutItsGroupIsNamedWithTheOneSettingOfThatName() {
		this.contextRunner.withPropertyValues("karafka.consuming-ttl=5s")
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("did you mean 'karafka.liveness.consuming-ttl'?"));
		this.contextRunner.withPropertyValues("karafka.timeout=5s")
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidSettingException.class)
				.hasMessageNotContaining("did you mean"));
	}

	@Test
	void everyUnknownSettingIsNamedWithSuggestionsOnlyWhenOneIsClose() {
		this.contextRunner.withPropertyValues("karafka.pause.timout=5s", "karafka.completely.unrelated=x")
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("'karafka.pause.timout'")
				.hasMessageContaining("did you mean 'karafka.pause.timeout'?")
				.hasMessageContaining("'karafka.completely.unrelated'")
				.hasMessageNotContaining("'karafka.completely.unrelated', did you mean"));
	}

	@Test
	void settingsReadOutsideTheBoundPropertiesAndMapKeysAreAccepted() {
		this.contextRunner
			.withPropertyValues("karafka.enabled=true", "karafka.readiness.enabled=false", "karafka.cluster-info=true",
					"karafka.dead-letter-replay.topic=orders.dlq", "karafka.kafka[fetch.wait.max.ms]=100",
					"karafka.kafka.bootstrap.servers=broker:9092", "karafka.consumer.kafka[max.poll.records]=5",
					"karafka.producer.kafka[acks]=all", "karafka.topics.orders.concurrency=3",
					"karafka.bootstrap-servers[0]=broker:9092", "karafka.maxWaitTime=5s",
					"karafka.dev-broker.enabled=false", "karafka.initial-offset=latest")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void misspeltTopicSettingFailsStartUpNamingIt() {
		this.contextRunner
			.withPropertyValues("karafka.topics.users_events.concurrency=2",
					"karafka.topics.users_events.dead-leter-queue.topic=users-events-dlq")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
					assertThat(ex.getSetting()).isEqualTo("karafka.topics.users_events.dead-leter-queue.topic");
					assertThat(ex.getProblem()).startsWith("a topic has no such setting: "
							+ "'karafka.topics.users_events.dead-leter-queue.topic' (from \"karafka.topics.users_events")
						.endsWith(", did you mean 'dead-letter-queue.topic'?");
				});
			});
	}

	@Test
	void misspeltTopicSettingsAreNamedWithSuggestionsOnlyWhenOneIsClose() {
		this.contextRunner
			.withPropertyValues("karafka.topics.orders.max-wait-tme=5s", "karafka.topics[orders.v1].retention=7d")
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("'karafka.topics.orders.max-wait-tme' (from ")
				.hasMessageContaining("did you mean 'max-wait-time'?")
				.hasMessageContaining("'karafka.topics[orders.v1].retention' (from ")
				.satisfies((ex) -> assertThat(ex.getMessage().split("did you mean", -1)).hasSize(2)));
	}

	@Test
	void topicSettingsThatATopicHasAreAccepted() {
		this.contextRunner
			.withPropertyValues("karafka.topics.orders.concurrency=2", "karafka.topics.orders.active=false",
					"karafka.topics.orders.max-wait-time=5s", "karafka.topics.orders.initial-offset=latest",
					"karafka.topics.orders.pause.timeout=1s",
					"karafka.topics.orders.dead-letter-queue.topic=orders-dlq",
					"karafka.topics.orders.dead-letter-queue.max-retries=2", "karafka.topics[orders.v1].concurrency=3")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void topicEnvironmentVariablesThatBootBindsAreAccepted() {
		Map<String, Object> variables = Map.of("KARAFKA_TOPICS_ORDERS_MAXWAITTIME", "5s",
				"KARAFKA_TOPICS_USERS_MAX_WAIT_TIME", "6s", "KARAFKA_TOPICS_ORDERS_DEADLETTERQUEUE_TOPIC", "orders-dlq",
				"KARAFKA_TOPICS_USERS_DEAD_LETTER_QUEUE_MAX_RETRIES", "2", "KARAFKA_TOPICS_ORDERS_ACTIVE", "false",
				"KARAFKA_ENV", "production", "KARAFKA_MAX_WAIT_TIME", "1s", "KARAFKA_INITIALOFFSET", "latest",
				"KARAFKA_BOOT_FILE", "karafka.rb", "KARAFKA_KAFKA_SASL_PASSWROD", "secret");
		this.contextRunner.withInitializer(environmentVariables(variables)).run((context) -> {
			assertThat(context).hasNotFailed();
			Map<String, KarafkaProperties.Topic> topics = bindTopics(context.getEnvironment());
			assertThat(topics.get("orders").getMaxWaitTime()).isEqualTo(Duration.ofSeconds(5));
			assertThat(topics.get("orders").getDeadLetterQueue().getTopic()).isEqualTo("orders-dlq");
			assertThat(topics.get("orders").isActive()).isFalse();
			assertThat(topics.get("users").getMaxWaitTime()).isEqualTo(Duration.ofSeconds(6));
			assertThat(topics.get("users").getDeadLetterQueue().getMaxRetries()).isEqualTo(2);
		});
	}

	@Test
	void topicEnvironmentVariableThatBootWouldIgnoreFailsStartUpNamingIt() {
		Map<String, Object> variables = Map.of("KARAFKA_TOPICS_ORDERS_INITIAL_OFSET", "latest",
				"KARAFKA_TOPICS_TRIAL_EVENTS_CONCURRENCY", "2");
		StandardEnvironment environment = new StandardEnvironment();
		replaceEnvironmentVariables(environment, variables);
		assertThat(bindTopics(environment)).as("what Boot binds of them").isEmpty();
		this.contextRunner.withInitializer(environmentVariables(variables)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
				assertThat(ex.getSetting()).isEqualTo("KARAFKA_TOPICS_ORDERS_INITIAL_OFSET");
				assertThat(ex.getProblem()).startsWith("a topic has no such setting: ")
					.contains(
							"'KARAFKA_TOPICS_ORDERS_INITIAL_OFSET', did you mean 'KARAFKA_TOPICS_ORDERS_INITIALOFFSET'?")
					.contains("'KARAFKA_TOPICS_TRIAL_EVENTS_CONCURRENCY'")
					.doesNotContain("'KARAFKA_TOPICS_TRIAL_EVENTS_CONCURRENCY', did you mean")
					.doesNotContain("latest");
				assertThat(ex.getAction()).contains("'KARAFKA_TOPICS_ORDERS_MAXWAITTIME'",
						"'karafka.topics[orders.v1].concurrency'");
			});
		});
	}

	@Test
	void environmentVariableThatNearlyNamesASettingFailsStartUpNamingIt() {
		Map<String, Object> variables = Map.of("KARAFKA_INITAL_OFFSET", "latest", "KARAFKA_LIVENESS_CONSUMINGT_TL",
				"5m", "KARAFKA_ENV", "production");
		StandardEnvironment environment = new StandardEnvironment();
		replaceEnvironmentVariables(environment, variables);
		assertThat(Binder.get(environment).bind("karafka.initial-offset", String.class).isBound())
			.as("what Boot binds of them")
			.isFalse();
		this.contextRunner.withInitializer(environmentVariables(variables)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
				assertThat(ex.getSetting()).isEqualTo("KARAFKA_INITAL_OFFSET");
				assertThat(ex.getProblem()).startsWith("no karafka setting has this name: ")
					.contains("'KARAFKA_INITAL_OFFSET', did you mean 'KARAFKA_INITIAL_OFFSET'?")
					.contains("'KARAFKA_LIVENESS_CONSUMINGT_TL', did you mean 'KARAFKA_LIVENESS_CONSUMING_TTL'?")
					.doesNotContain("KARAFKA_ENV")
					.doesNotContain("latest");
				assertThat(ex.getAction()).startsWith("Rename each variable as suggested.")
					.contains("'KARAFKA_INITIALOFFSET' or 'KARAFKA_INITIAL_OFFSET'");
			});
		});
	}

	@Test
	void settingsOutsideKarafkaAreNotChecked() {
		this.contextRunner.withPropertyValues("karafkaa.initial-offset=latest", "spring.kafka.typo=1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void disabledStarterChecksNothing() {
		this.contextRunner.withPropertyValues("karafka.enabled=false", "karafka.inital-offset=latest")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void metadataKnowsTheSettingsAndTheMapsOfTheStarter() throws IOException {
		KnownSettings known = new KnownSettings();
		known.addMetadata(starterMetadata());
		for (String name : List.of("karafka.group-id", "karafka.liveness.polling-ttl",
				"karafka.kafka.fetch.wait.max.ms", "karafka.topics.orders.dead-letter-queue.topic")) {
			assertThat(known.contains(ConfigurationPropertyName.of(name))).as(name).isTrue();
		}
		assertThat(known.contains(ConfigurationPropertyName.of("karafka.nope"))).isFalse();
		assertThat(known.closest("karafka.grup-id")).isEqualTo("karafka.group-id");
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> replaceEnvironmentVariables(context.getEnvironment(), variables);
	}

	private static void replaceEnvironmentVariables(ConfigurableEnvironment environment,
			Map<String, Object> variables) {
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

	private static Map<String, KarafkaProperties.Topic> bindTopics(Environment environment) {
		return Binder.get(environment)
			.bind("karafka.topics", Bindable.mapOf(String.class, KarafkaProperties.Topic.class))
			.orElseGet(Map::of);
	}

	private static String starterMetadata() throws IOException {
		for (URL resource : Collections.list(UnknownSettingsCheckTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream input = resource.openStream()) {
				String metadata = new String(input.readAllBytes(), StandardCharsets.UTF_8);
				if (metadata.contains("\"karafka.group-id\"")) {
					return metadata;
				}
			}
		}
		throw new IllegalStateException("The starter's configuration metadata is not on the class path");
	}

}
