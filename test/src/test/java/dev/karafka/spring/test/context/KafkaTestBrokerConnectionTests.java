package dev.karafka.spring.test.context;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaTestBrokerConnection}.
 *
 * @author karafka-spring
 */
class KafkaTestBrokerConnectionTests {

	@Nested
	@SpringJUnitConfig(Empty.class)
	@KafkaTestBrokerConnection
	class Plaintext {

		@Autowired
		private Environment environment;

		@Test
		void bootstrapServersPointAtThePlaintextListener() {
			String servers = KafkaTestBroker.shared().bootstrapServers(Listener.PLAINTEXT);
			assertThat(this.environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(servers);
			assertThat(this.environment.getProperty("karafka.bootstrap-servers")).isEqualTo(servers);
			assertThat(this.environment.getProperty("karafka.kafka[security.protocol]")).isNull();
		}

	}

	@Nested
	@SpringJUnitConfig(Empty.class)
	@KafkaTestBrokerConnection(Listener.SASL_SSL)
	class Scram {

		@Autowired
		private Environment environment;

		@Test
		void scramCredentialsAndCaAreSet() {
			KafkaTestBroker broker = KafkaTestBroker.shared();
			assertThat(this.environment.getProperty("karafka.bootstrap-servers"))
				.isEqualTo(broker.bootstrapServers(Listener.SASL_SSL));
			assertThat(this.environment.getProperty("karafka.kafka[sasl.password]")).isEqualTo(broker.scramPassword());
			assertThat(this.environment.getProperty("karafka.kafka[ssl.ca.pem]"))
				.isEqualTo(broker.certificates().caCertificatePem());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
