package dev.karafka.spring.autoconfigure.settings;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import dev.karafka.spring.autoconfigure.settings.UnknownSettingsCheck.KnownSettings;
import dev.karafka.spring.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
	void streamedAndParsedMetadataKnowTheSameSettings() throws IOException {
		String metadata = starterMetadata();
		KnownSettings streamed = new KnownSettings();
		streamed.addStreamedMetadata(metadata);
		KnownSettings parsed = new KnownSettings();
		parsed.addParsedMetadata(metadata);
		for (String name : List.of("karafka.group-id", "karafka.liveness.polling-ttl",
				"karafka.kafka.fetch.wait.max.ms", "karafka.topics.orders.dead-letter-queue.topic", "karafka.groups",
				"karafka.nope")) {
			ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
			assertThat(streamed.contains(property)).as(name).isEqualTo(parsed.contains(property));
		}
		assertThat(streamed.contains(ConfigurationPropertyName.of("karafka.group-id"))).isTrue();
		assertThat(streamed.contains(ConfigurationPropertyName.of("karafka.kafka.fetch.wait.max.ms"))).isTrue();
		assertThat(streamed.contains(ConfigurationPropertyName.of("karafka.nope"))).isFalse();
		assertThat(streamed.closest("karafka.grup-id")).isEqualTo(parsed.closest("karafka.grup-id"))
			.isEqualTo("karafka.group-id");
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
