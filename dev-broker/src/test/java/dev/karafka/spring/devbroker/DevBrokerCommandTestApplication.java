package dev.karafka.spring.devbroker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * An application without cluster settings and with one listener, started as a child
 * process by {@link DevBrokerOneOffCommandIntegrationTests}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DevBrokerCommandTestApplication {

	@KafkaListener(id = "orders", topics = "orders", groupId = "orders-service")
	void consume(String order) {
		throw new IllegalStateException("A one-off command must not consume");
	}

	public static void main(String[] args) {
		SpringApplication.run(DevBrokerCommandTestApplication.class, args);
	}

}
