package dev.karafka.spring.diagnostics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionPlatform}.
 *
 * @author karafka-spring
 */
class ConnectionPlatformTests {

	@Test
	void herokuWinsWhenTheAddOnGaveTheConnection() {
		assertThat(ConnectionPlatform.detect(Map.of("security.protocol", "SSL"), true))
			.isEqualTo(ConnectionPlatform.HEROKU);
	}

	@Test
	void mechanismsAndHostsGiveThePlatform() {
		assertThat(detect("SASL_SSL", "AWS_MSK_IAM", "b-1.c.kafka.us-east-1.amazonaws.com:9098"))
			.isEqualTo(ConnectionPlatform.MSK_IAM);
		assertThat(detect("SASL_SSL", "SCRAM-SHA-512", "b-1.c.kafka.us-east-1.amazonaws.com:9096"))
			.isEqualTo(ConnectionPlatform.MSK_SCRAM);
		assertThat(detect("SASL_SSL", "SCRAM-SHA-512", "kafka.internal:9093")).isEqualTo(ConnectionPlatform.SCRAM);
		assertThat(detect("SASL_SSL", "OAUTHBEARER", "kafka.internal:9093")).isEqualTo(ConnectionPlatform.OAUTH);
		assertThat(detect("SASL_PLAINTEXT", "PLAIN", "kafka.internal:9092")).isEqualTo(ConnectionPlatform.SASL);
		assertThat(detect("SSL", null, "kafka.internal:9093")).isEqualTo(ConnectionPlatform.SSL);
		assertThat(ConnectionPlatform.detect(Map.of(), false)).isEqualTo(ConnectionPlatform.PLAINTEXT);
	}

	private static ConnectionPlatform detect(String protocol, String mechanism, String servers) {
		Map<String, Object> configuration = new HashMap<>();
		configuration.put("security.protocol", protocol);
		configuration.put("bootstrap.servers", List.of(servers));
		if (mechanism != null) {
			configuration.put("sasl.mechanism", mechanism);
		}
		return ConnectionPlatform.detect(configuration, false);
	}

}
