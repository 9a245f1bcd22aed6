package dev.karafka.spring.autoconfigure;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.KafkaTestBrokerExtension;
import dev.karafka.spring.test.broker.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.karafka.spring.autoconfigure.RoundTrip.assertRoundTrip;

/**
 * End-to-end tests of an application that has no Kafka settings but the environment of
 * the Apache Kafka on Heroku add-on, against the broker's TLS listener with client
 * authentication.
 *
 * @author karafka-spring
 */
@ExtendWith(KafkaTestBrokerExtension.class)
class HerokuIntegrationTests {

	private final KafkaTestBroker broker;

	private final TestCertificates certificates;

	HerokuIntegrationTests(KafkaTestBroker broker) {
		this.broker = broker;
		this.certificates = broker.certificates();
	}

	@Test
	void herokuEnvironmentAloneRoundTripsOverTlsByAddress() {
		String byAddress = this.broker.bootstrapServers(Listener.SSL).replace("localhost", "127.0.0.1");
		assertRoundTrip("KAFKA_URL=kafka+ssl://127.0.0.1:1, kafka+ssl://" + byAddress,
				"KAFKA_TRUSTED_CERT=" + this.certificates.otherCaCertificatePem() + "\n"
						+ this.certificates.caCertificatePem(),
				"KAFKA_CLIENT_CERT=" + this.certificates.clientCertificatePem(),
				"KAFKA_CLIENT_CERT_KEY=" + this.certificates.clientKeyPkcs1Pem());
	}

}
