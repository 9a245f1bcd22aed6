package dev.karafka.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs a real application with the given properties, sends a record with its
 * {@link KafkaTemplate} and awaits it in its {@link KafkaListener}.
 *
 * @author karafka-spring
 */
final class RoundTrip {

	private RoundTrip() {
	}

	static void assertRoundTrip(String... properties) {
		String topic = "round-trip-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(topic, properties)) {
			String payload = "hello " + topic;
			context.getBean(KafkaTemplate.class).send(topic, payload).get(30, TimeUnit.SECONDS);
			assertReceived(context, payload);
		}
		catch (Exception ex) {
			throw new AssertionError("Round trip failed", ex);
		}
	}

	static ConfigurableApplicationContext run(String topic, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("round-trip.topic=" + topic);
		all.add("spring.kafka.consumer.auto-offset-reset=earliest");
		all.add("spring.kafka.consumer.group-id=round-trip-" + topic);
		all.add("server.port=0");
		return new SpringApplicationBuilder(RoundTripApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	static void assertReceived(ConfigurableApplicationContext context, String payload) {
		Queue<String> received = context.getBean(RoundTripListener.class).received;
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).contains(payload));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class RoundTripApplication {

		@Bean
		RoundTripListener roundTripListener() {
			return new RoundTripListener();
		}

	}

	static class RoundTripListener {

		private final Queue<String> received = new ConcurrentLinkedQueue<>();

		@KafkaListener(topics = "${round-trip.topic}")
		void onRecord(String payload) {
			this.received.add(payload);
		}

	}

}
