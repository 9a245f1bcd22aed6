package dev.karafka.spring.autoconfigure.diagnostics;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OneOffCommandEnvironmentPostProcessor}.
 *
 * @author karafka-spring
 */
class OneOffCommandEnvironmentPostProcessorTests {

	@Test
	void argumentWithoutValueTurnsOffConsumersAndServers() {
		StandardEnvironment environment = process("--karafka.cluster-info", "--logging.level.root=debug");
		assertThat(environment.getProperty("karafka.cluster-info")).isEqualTo("true");
		assertThat(environment.getProperty("karafka.server.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("karafka.probes.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("karafka.dev-broker.attach")).isEqualTo("true");
		assertThat(environment.getProperty("karafka.dev-broker.enabled")).isNull();
		assertThat(environment.getProperty("spring.kafka.listener.auto-startup")).isEqualTo("false");
		assertThat(environment.getProperty("spring.kafka.admin.auto-create")).isEqualTo("false");
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("logging.level.root")).isEqualTo("debug");
		assertThat(environment.getProperty("logging.level.org.apache.kafka")).isEqualTo("error");
	}

	@Test
	void commandIsOffWithoutTheArgumentOrWithFalse() {
		assertThat(process("--karafka.server.enabled=true").getProperty("karafka.server.enabled")).isEqualTo("true");
		StandardEnvironment off = process("--karafka.cluster-info=false");
		assertThat(off.getProperty("karafka.cluster-info")).isEqualTo("false");
		assertThat(off.getProperty("spring.main.web-application-type")).isNull();
	}

	@Test
	void trueInAnyLetterCaseRunsTheCommand() {
		assertThat(process("--karafka.cluster-info=TRUE").getProperty("spring.main.web-application-type"))
			.isEqualTo("none");
		assertThat(process("--karafka.cluster-info=False").getProperty("spring.main.web-application-type")).isNull();
	}

	@Test
	void deadLetterReplayTopicTurnsOffConsumersAndServersWithoutClusterInfo() {
		StandardEnvironment environment = process("--karafka.dead-letter-replay.topic=orders-dlt");
		assertThat(environment.getProperty("karafka.server.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("karafka.dev-broker.attach")).isEqualTo("true");
		assertThat(environment.getProperty("karafka.probes.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.kafka.listener.auto-startup")).isEqualTo("false");
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("karafka.cluster-info")).isNull();
	}

	private static StandardEnvironment process(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		new OneOffCommandEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
