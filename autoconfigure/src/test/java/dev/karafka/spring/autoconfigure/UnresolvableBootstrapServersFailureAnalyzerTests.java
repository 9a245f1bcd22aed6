package dev.karafka.spring.autoconfigure;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link UnresolvableBootstrapServersFailureAnalyzer}: an application whose
 * bootstrap servers do not resolve in DNS fails start-up with a report naming the
 * settings they come from. Host names use the {@code .invalid} top-level domain, which
 * never resolves (RFC 2606).
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class UnresolvableBootstrapServersFailureAnalyzerTests {

	@Test
	void reportNamesTheSettingsOfTheBootstrapServersStrongestFirst(CapturedOutput output) {
		startFails("karafka.bootstrap-servers=broker.invalid:9092",
				"spring.kafka.bootstrap-servers=other-broker.invalid:9092");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("none of its bootstrap servers resolves in DNS")
			.contains("The bootstrap servers are set by 'karafka.bootstrap-servers', "
					+ "'spring.kafka.bootstrap-servers' (strongest first).")
			.contains("Correct the host names in 'karafka.bootstrap-servers'.");
	}

	@Test
	void herokuUrlIsNamedWithoutItsValue(CapturedOutput output) {
		startFails("KAFKA_URL=kafka://heroku-broker.invalid:9092");
		assertThat(output).contains("The bootstrap servers are set by 'KAFKA_URL'.")
			.contains("Correct the host names in 'KAFKA_URL'.");
		assertThat(output.toString().substring(output.toString().indexOf("APPLICATION FAILED TO START")))
			.doesNotContain("heroku-broker.invalid");
	}

	@Test
	void karafkaMapSettingIsNamedInKarafkasSpelling(CapturedOutput output) {
		startFails("karafka.kafka.metadata.broker.list=broker.invalid:9092");
		assertThat(output).contains("The bootstrap servers are set by 'karafka.kafka[metadata.broker.list]'.");
	}

	@Test
	void starterOffNamesOnlyTheSettingsThatApply(CapturedOutput output) {
		startFails("karafka.enabled=false", "karafka.bootstrap-servers=ignored.invalid:9092",
				"spring.kafka.bootstrap-servers=broker.invalid:9092", "spring.kafka.consumer.group-id=unresolvable");
		assertThat(output).contains("The bootstrap servers are set by 'spring.kafka.bootstrap-servers'.");
	}

	@Test
	void serverTheClientCannotParseIsReportedWithTheSettingThatSetsIt(CapturedOutput output) {
		startFails("spring.kafka.bootstrap-servers=k\u0430fka:9092", "spring.kafka.consumer.group-id=invalid-url");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("one of its bootstrap servers is not host:port with a host the client accepts")
			.contains("The bootstrap servers are set by 'spring.kafka.bootstrap-servers'.")
			.contains("Correct the server in 'spring.kafka.bootstrap-servers'");
	}

	@Test
	void otherConfigExceptionsAreNotAnalyzed() {
		assertThat(new UnresolvableBootstrapServersFailureAnalyzer(new MockEnvironment())
			.analyze(new ConfigException("Invalid value -1 for configuration max.poll.records"))).isNull();
	}

	private static void startFails(String... properties) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(ListenerApplication.class).web(WebApplicationType.NONE)
				.properties("spring.application.name=unresolvable", "server.port=0")
				.properties(properties)
				.run());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ListenerApplication {

		@KafkaListener(topics = "unresolvable")
		void consume(String value) {
		}

	}

}
