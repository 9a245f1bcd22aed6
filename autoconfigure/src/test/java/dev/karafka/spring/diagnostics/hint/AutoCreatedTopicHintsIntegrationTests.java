package dev.karafka.spring.diagnostics.hint;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of the missing-topic hint on a real broker that creates topics
 * ({@code auto.create.topics.enable=true}, Apache Kafka's default): its first answers for
 * a new topic are {@code UNKNOWN_TOPIC_OR_PARTITION}, which is no hint.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class AutoCreatedTopicHintsIntegrationTests {

	private static KafkaTestBroker broker;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = KafkaTestBroker.builder().listeners(Listener.PLAINTEXT).start();
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void topicTheBrokersCreateIsNoMissingTopicHint(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AutoCreatingApplication.class)
			.properties("karafka.bootstrap-servers=" + broker.bootstrapServers(Listener.PLAINTEXT),
					"spring.kafka.consumer.auto-offset-reset=earliest", "server.port=0")
			.run()) {
			KafkaTemplate<String, String> template = context.getBean(KafkaTemplate.class);
			template.send("auto-created", "order-1").get(30, TimeUnit.SECONDS);
			assertThat(context.getBean(AutoCreatingApplication.class).received.poll(60, TimeUnit.SECONDS))
				.isEqualTo("order-1");
			assertThat(output.getAll()).contains("auto-created=UNKNOWN_TOPIC_OR_PARTITION");
			assertThat(context.getBean(TroubleshootingHints.class).activeHints()).isEmpty();
			assertThat(output.getAll()).doesNotContain("Kafka hint");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AutoCreatingApplication {

		final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

		@KafkaListener(id = "orders", topics = "auto-created", groupId = "orders-service")
		void orders(String order) {
			this.received.add(order);
		}

	}

}
