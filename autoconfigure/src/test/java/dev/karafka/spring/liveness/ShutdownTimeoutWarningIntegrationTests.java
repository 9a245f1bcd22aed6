package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ShutdownTimeoutWarning} on a real broker: a listener call that
 * outlasts {@code spring.lifecycle.timeout-per-shutdown-phase} is named in a WARN when
 * the context closes; a listener that stops in time is not.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTimeoutWarningIntegrationTests {

	private static final KafkaTestBroker broker = KafkaTestBroker.shared();

	private static final String WARNING = "Consumer threads still running when the application stopped waiting";

	@Test
	void listenerCallOutlastingTheShutdownPhaseIsNamedInAWarning(CapturedOutput output) throws Exception {
		String topic = "shutdown-timeout-" + UUID.randomUUID();
		ConfigurableApplicationContext context = start(topic, "spring.lifecycle.timeout-per-shutdown-phase=1s");
		SlowListener listener = context.getBean(SlowListener.class);
		Thread closing = new Thread(context::close);
		try {
			send(topic);
			assertThat(listener.entered.await(1, TimeUnit.MINUTES)).isTrue();
			closing.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains(WARNING));
			assertThat(output.getOut()).contains("within spring.lifecycle.timeout-per-shutdown-phase: 1000 ms)")
				.contains("listener 'slow' on thread 'slow-0-C-1' (in a listener call for ")
				.contains("A record listener processes the rest of its poll before it stops",
						"raise spring.lifecycle.timeout-per-shutdown-phase above the time of a whole poll's records",
						"set spring.kafka.listener.immediate-stop=true to stop after the current record");
		}
		finally {
			listener.release.countDown();
			closing.join(TimeUnit.MINUTES.toMillis(1));
		}
	}

	@Test
	void listenerThatStopsInTimeIsNotNamed(CapturedOutput output) throws Exception {
		String topic = "shutdown-in-time-" + UUID.randomUUID();
		ConfigurableApplicationContext context = start(topic);
		SlowListener listener = context.getBean(SlowListener.class);
		listener.release.countDown();
		send(topic);
		assertThat(listener.entered.await(1, TimeUnit.MINUTES)).isTrue();
		context.close();
		assertThat(context.isActive()).isFalse();
		assertThat(output.getOut()).contains("slow: partitions revoked").doesNotContain(WARNING);
	}

	private static ConfigurableApplicationContext start(String topic, String... properties) {
		broker.createTopic(topic, 1);
		return new SpringApplicationBuilder(SlowApplication.class).web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
					"spring.kafka.consumer.group-id=" + topic, "karafka.initial-offset=earliest", "slow.topic=" + topic,
					"spring.main.banner-mode=off", "server.port=0")
			.properties(properties)
			.run();
	}

	private static void send(String topic) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(Listener.PLAINTEXT)),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "slow")).get(10, TimeUnit.SECONDS);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SlowApplication {

		@Bean
		SlowListener slowListener() {
			return new SlowListener();
		}

	}

	static class SlowListener {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@KafkaListener(id = "slow", topics = "${slow.topic}")
		void consume(String value) throws InterruptedException {
			this.entered.countDown();
			this.release.await(1, TimeUnit.MINUTES);
		}

	}

}
