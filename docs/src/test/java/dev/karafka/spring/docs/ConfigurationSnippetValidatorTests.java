package dev.karafka.spring.docs;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigurationSnippetValidator}: the check that keeps the guides'
 * snippets true bites on what would break an application at start-up.
 *
 * @author karafka-spring
 */
class ConfigurationSnippetValidatorTests {

	private final ConfigurationSnippetValidator validator = new ConfigurationSnippetValidator(
			ConfigurationMetadata.load());

	@Test
	void karafkaKafkaEntriesWithLibrdkafkaNamesAreValid() {
		assertThat(validate("""
				karafka:
				  kafka:
				    "[bootstrap.servers]": broker1:9096,broker2:9096
				    "[security.protocol]": SASL_SSL
				    "[sasl.mechanisms]": SCRAM-SHA-512
				    "[sasl.username]": username
				    "[sasl.password]": ${MSK_PASSWORD}
				""")).isEmpty();
	}

	@Test
	void propertiesSnippetsAreCheckedToo() {
		assertThat(validateProperties("karafka.kafka.security.protocol=SASL_SSL\nkarafka.liveness.polling-ttl=1m\n"))
			.isEmpty();
		assertThat(validateProperties("karafka.liveness.poling-ttl=1m\n")).singleElement()
			.asString()
			.contains("unknown key 'karafka.liveness.poling-ttl'");
	}

	@Test
	void unknownKarafkaKeyIsReported() {
		assertThat(validate("karafka:\n  liveness:\n    polling-timeout: 1m\n")).singleElement()
			.asString()
			.contains("unknown key 'karafka.liveness.polling-timeout'");
	}

	@Test
	void unknownSpringKeyIsReported() {
		assertThat(validate("spring:\n  kafka:\n    bootstrap-server: localhost:9092\n")).singleElement()
			.asString()
			.contains("unknown key 'spring.kafka.bootstrap-server'");
	}

	@Test
	void malformedDurationIsReported() {
		assertThat(validate("karafka:\n  liveness:\n    polling-ttl: five minutes\n")).singleElement()
			.asString()
			.contains("'karafka' does not bind")
			.contains("polling-ttl");
	}

	@Test
	void unknownEnumValueIsReported() {
		assertThat(validate("karafka:\n  initial-offset: middle\n")).singleElement()
			.asString()
			.contains("initial-offset");
	}

	@Test
	void unknownTopicSettingIsReported() {
		assertThat(validate("karafka:\n  topics:\n    orders:\n      concurrenzy: 2\n")).singleElement()
			.asString()
			.contains("concurrenzy");
	}

	@Test
	void topicSettingsAreValidated() {
		assertThat(
				validate("karafka:\n  topics:\n    orders:\n      concurrency: 2\n      pause:\n        timeout: 2s\n"))
			.isEmpty();
		assertThat(validate("karafka:\n  topics:\n    orders:\n      max-wait-time: -1s\n")).singleElement()
			.asString()
			.contains("karafka.topics.orders.max-wait-time");
	}

	@Test
	void valueThatStartUpRefusesIsReported() {
		assertThat(validate("karafka:\n  dead-letter-queue:\n    max-retries: -1\n")).singleElement()
			.asString()
			.contains("karafka.dead-letter-queue.max-retries");
	}

	@Test
	void kafkaSettingThatStartUpRefusesIsReported() {
		assertThat(validate("karafka:\n  kafka:\n    \"[security.protocol]\": SASL_TLS\n")).singleElement()
			.asString()
			.contains("security.protocol");
	}

	@Test
	void herokuAndPrefixKeysBind() {
		assertThat(validate("karafka:\n  prefix: smoothboulder-1234.\n  heroku:\n    env-prefix: KAFKA_BLUE\n"))
			.isEmpty();
	}

	@Test
	void devBrokerKeysBindToTheirOwnProperties() {
		assertThat(validate("karafka:\n  dev-broker:\n    enabled: false\n")).isEmpty();
		assertThat(validate("karafka:\n  dev-broker:\n    port: nine\n")).singleElement()
			.asString()
			.contains("'karafka.dev-broker' does not bind");
	}

	@Test
	void kubernetesManifestIsNotApplicationConfiguration() {
		ConfigurationSnippet manifest = new ConfigurationSnippet(Path.of("test.md"), 1, "yaml",
				"apiVersion: v1\nkind: ConfigMap\ndata:\n  spring.profiles.active: production\n");
		assertThat(this.validator.isApplicationConfiguration(manifest)).isFalse();
	}

	private List<String> validate(String yaml) {
		return this.validator.validate(new ConfigurationSnippet(Path.of("test.md"), 1, "yaml", yaml));
	}

	private List<String> validateProperties(String properties) {
		return this.validator.validate(new ConfigurationSnippet(Path.of("test.md"), 1, "properties", properties));
	}

}
