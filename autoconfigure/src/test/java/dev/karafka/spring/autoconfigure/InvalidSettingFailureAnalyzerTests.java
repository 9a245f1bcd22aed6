package dev.karafka.spring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link InvalidSettingFailureAnalyzer}, through the failure analyzers of a
 * real {@link SpringApplication}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSettingFailureAnalyzerTests {

	@Test
	void settingFromAnEnvironmentVariableIsReportedWithTheVariable(CapturedOutput output) {
		run(Map.of("KARAFKA_LIVENESS_POLLING_TTL", "-1s"));
		assertThat(output).contains("Invalid setting 'karafka.liveness.polling-ttl' (from System Environment Property "
				+ "\"KARAFKA_LIVENESS_POLLING_TTL\"): it must be a positive duration, not -1s.");
	}

	@Test
	void mapEntryFromAnEnvironmentVariableIsReportedWithTheVariableAndNoSecret(CapturedOutput output) {
		run(Map.of("KARAFKA_KAFKA_SASL_PASSWORD", "secret-4711", "KARAFKA_KAFKA_SASL_MECHANISMS", "SCRAM-SHA-512"));
		assertThat(output)
			.contains("(from System Environment Property \"KARAFKA_KAFKA_SASL_PASSWORD\"): "
					+ "'sasl.username' is missing.")
			.doesNotContain("secret-4711");
	}

	@Test
	void mapEntryWrittenWithBracketsIsReportedWithItsSource(CapturedOutput output) {
		run(Map.of(), "--karafka.kafka[sasl.password]=secret-4711", "--karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512");
		assertThat(output)
			.contains("(from \"karafka.kafka[sasl.password]\" from property source \"commandLineArgs\"): "
					+ "'sasl.username' is missing.")
			.doesNotContain("secret-4711");
	}

	@Test
	void problemThatSaysWhereItsSettingsComeFromIsNotToldTwice(CapturedOutput output) {
		run(Map.of(), "--karafka.inital-offset=latest");
		assertThat(output).contains("Invalid setting 'karafka.inital-offset': no karafka setting has this name (from "
				+ "\"karafka.inital-offset\" from property source \"commandLineArgs\"), did you mean "
				+ "'karafka.initial-offset'?");
	}

	@Test
	void misspeltTopicEnvironmentVariableIsReportedWithItsSuggestion(CapturedOutput output) {
		run(Map.of("KARAFKA_TOPICS_ORDERS_MAX_WAIT_TIMES", "5s"));
		assertThat(output)
			.contains("Invalid setting 'KARAFKA_TOPICS_ORDERS_MAX_WAIT_TIMES': a topic has no such setting: "
					+ "'KARAFKA_TOPICS_ORDERS_MAX_WAIT_TIMES', did you mean 'KARAFKA_TOPICS_ORDERS_MAXWAITTIME'? "
					+ "(environment variables).")
			.contains("Name the topic by the one word after 'KARAFKA_TOPICS_'");
	}

	@Test
	void severalInvalidSettingsAreReportedTogetherWithWhereEachIsWritten(CapturedOutput output) {
		run(Map.of("KARAFKA_KAFKA_SESSION_TIMEOUT_MS", "45s"), "--karafka.kafka[security.protocol]=tls");
		assertThat(output).contains("2 settings are invalid:")
			.contains("- Invalid setting 'karafka.kafka.security.protocol' (from \"karafka.kafka[security.protocol]\" "
					+ "from property source \"commandLineArgs\"): 'tls' is not a security protocol")
			.contains("- Invalid setting 'karafka.kafka.session.timeout.ms' (from System Environment Property "
					+ "\"KARAFKA_KAFKA_SESSION_TIMEOUT_MS\")")
			.contains("- 'karafka.kafka.security.protocol': ")
			.contains("- 'karafka.kafka.session.timeout.ms': ");
	}

	@Test
	void invalidSettingsOfSeveralFeaturesAreReportedTogether(CapturedOutput output) {
		run(Map.of("KARAFKA_LIVENESS_POLLING_TTL", "-1s"), "--karafka.concurrency=0",
				"--karafka.supervision.interval=0s");
		assertThat(output).contains("3 settings are invalid:")
			.contains("- Invalid setting 'karafka.concurrency' (from \"karafka.concurrency\" from property source "
					+ "\"commandLineArgs\"): it must be at least 1, not 0.")
			.contains("- Invalid setting 'karafka.liveness.polling-ttl' (from System Environment Property "
					+ "\"KARAFKA_LIVENESS_POLLING_TTL\"): it must be a positive duration, not -1s.")
			.contains("- Invalid setting 'karafka.supervision.interval'");
	}

	@Test
	void switchesFromEnvironmentVariablesAreReportedWithTheVariables(CapturedOutput output) {
		run(Map.of("KARAFKA_LIVENESS_ENABLED", "yes", "KARAFKA_READINESS_ENABLED", "1"));
		assertThat(output).contains("2 settings are invalid:")
			.contains("- Invalid setting 'karafka.liveness.enabled': 'yes' is neither true nor false (from System "
					+ "Environment Property \"KARAFKA_LIVENESS_ENABLED\").")
			.contains("- Invalid setting 'karafka.readiness.enabled': '1' is neither true nor false (from System "
					+ "Environment Property \"KARAFKA_READINESS_ENABLED\").");
	}

	@Test
	void topicSettingOfATopicWithAnUnderscoreIsReportedWithWhereItIsWritten(CapturedOutput output) {
		run(Map.of(), "--karafka.topics.trial_events.concurrency=0");
		assertThat(output).contains("Invalid setting 'karafka.topics.trial_events.concurrency' (from "
				+ "\"karafka.topics.trial_events.concurrency\" from property source \"commandLineArgs\"): it must be "
				+ "at least 1, not 0.");
	}

	private static void run(Map<String, Object> variables, String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setDefaultProperties(Map.of("karafka.bootstrap-servers", "localhost:1"));
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment);
		assertThatException().isThrownBy(() -> application.run(args));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
