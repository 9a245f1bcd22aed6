package dev.karafka.spring.autoconfigure;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * Tests for {@link MissingGroupIdFailureAnalyzer}: an application whose listener has no
 * consumer group fails start-up with a report naming the settings that give one.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingGroupIdFailureAnalyzerTests {

	@Test
	void listenerWithoutGroupFailsStartupNamingTheSettings(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(NoGroupApplication.class)
			.web(WebApplicationType.NONE)
			.properties("karafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers(Listener.PLAINTEXT),
					"spring.application.name=", "server.port=0")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("A listener container has no consumer group: 'karafka.group-id'")
			.contains("Set 'karafka.group-id' (as Karafka's 'group_id'), or 'spring.application.name'");
	}

	@Test
	void emptyGroupIdIsNamedEvenWithAnApplicationName(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(NoGroupApplication.class)
			.web(WebApplicationType.NONE)
			.properties("karafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers(Listener.PLAINTEXT),
					"karafka.group-id=", "spring.application.name=users-service", "server.port=0")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("'karafka.group-id' is set but empty (an empty environment variable, such as "
					+ "KARAFKA_GROUP_ID=\"\", sets it too)")
			.contains("Give 'karafka.group-id' a value, or remove it")
			.doesNotContain("are all unset or empty");
	}

	@Test
	void emptyGroupIdWithoutAnApplicationNameNamesEverySetting(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(NoGroupApplication.class)
			.web(WebApplicationType.NONE)
			.properties("karafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers(Listener.PLAINTEXT),
					"karafka.group-id=", "spring.application.name=", "server.port=0")
			.run());
		assertThat(output).contains("are all unset or empty")
			.contains("Set 'karafka.group-id' (as Karafka's 'group_id'), or 'spring.application.name'")
			.doesNotContain("or remove it so that 'spring.application.name' names the group");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "karafka.enabled=false|'karafka.enabled' is false",
					"spring.autoconfigure.exclude=dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration"
							+ "|'spring.autoconfigure.exclude' names KarafkaAutoConfiguration" })
	void listenerWithoutGroupWhileTheStarterIsOffNamesTheSettingThatStillApplies(String starterOff, String reason,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(NoGroupApplication.class)
			.web(WebApplicationType.NONE)
			.properties(
					"spring.kafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers(Listener.PLAINTEXT),
					starterOff, "spring.application.name=users-service", "server.port=0")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The starter is off (" + reason + "), so it does not take the group from 'karafka.group-id' "
					+ "or 'spring.application.name'")
			.contains("Set 'spring.kafka.consumer.group-id'")
			.doesNotContain("are all unset or empty");
	}

	@Test
	void otherIllegalStateExceptionsAreNotAnalyzed() {
		assertThat(new MissingGroupIdFailureAnalyzer(new MockEnvironment())
			.analyze(new IllegalStateException("something else"))).isNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class NoGroupApplication {

		@KafkaListener(topics = "no-group")
		void consume(String value) {
		}

	}

}
