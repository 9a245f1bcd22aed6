package dev.karafka.spring.autoconfigure;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Testcontainers {@code @ServiceConnection} still decides where the application
 * connects, with karafka settings present. Needs Docker; without it the test is skipped
 * (a user's own {@link KafkaConnectionDetails} bean, the same mechanism, is tested
 * against the in-process broker in {@code KarafkaAutoConfigurationTests}).
 *
 * @author karafka-spring
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = RoundTrip.RoundTripApplication.class,
		properties = { "karafka.bootstrap-servers=ignored:9092", "round-trip.topic=service-connection",
				"spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.kafka.consumer.group-id=service-connection" })
class ServiceConnectionIntegrationTests {

	@Container
	@ServiceConnection
	static KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");

	@Autowired
	private KafkaConnectionDetails connectionDetails;

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void serviceConnectionWinsOverKarafkaSettings() throws Exception {
		assertThat(this.connectionDetails).isNotInstanceOf(KarafkaConnectionDetails.class);
		assertThat(this.connectionDetails.getBootstrapServers()).containsExactly(kafka.getBootstrapServers());
		this.context.getBean(KafkaTemplate.class).send("service-connection", "hello").get(30, TimeUnit.SECONDS);
		RoundTrip.assertReceived(this.context, "hello");
	}

}
