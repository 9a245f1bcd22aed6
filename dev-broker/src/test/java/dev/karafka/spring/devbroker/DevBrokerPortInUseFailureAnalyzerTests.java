package dev.karafka.spring.devbroker;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link DevBrokerPortInUseFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevBrokerPortInUseFailureAnalyzerTests {

	@Test
	void portInUseFailsStartupWithPortPropertyAndRemedies(CapturedOutput output) throws IOException {
		try (ServerSocket occupied = new ServerSocket(0)) {
			int port = occupied.getLocalPort();
			SpringApplication application = new SpringApplication(DevBrokerApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			assertThatException().isThrownBy(() -> application.run("--karafka.dev-broker.port=" + port));
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("The Kafka development broker failed to start. Port " + port
						+ " (karafka.dev-broker.port) was already in use.")
				.contains("Identify and stop the process that's listening on port " + port)
				.contains("connect this one to its development broker instead: 'karafka.bootstrap-servers=localhost:"
						+ port + "'")
				.contains("set 'karafka.dev-broker.port' to a free port")
				.contains("'spring.kafka.bootstrap-servers'");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DevBrokerAutoConfiguration.class, KafkaAutoConfiguration.class })
	static class DevBrokerApplication {

	}

}
