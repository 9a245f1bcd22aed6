package dev.karafka.spring.diagnostics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * An application with one listener, started as a child process by
 * {@link OneOffCommandIntegrationTests}, its main method as an application's own.
 *
 * @author karafka-spring
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ClusterInfoTestApplication {

	@KafkaListener(id = "orders", topics = "orders", groupId = "orders-service")
	void consume(String order) {
		throw new IllegalStateException("The cluster-info command must not consume");
	}

	@EventListener(ApplicationReadyEvent.class)
	void publishGreeting() {
		System.out.println("Greeting published on ApplicationReadyEvent");
	}

	public static void main(String[] args) {
		SpringApplication.run(ClusterInfoTestApplication.class, args);
	}

}
