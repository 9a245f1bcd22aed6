package dev.karafka.spring.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.liveness.KarafkaLivenessHealthIndicator;
import dev.karafka.spring.liveness.WorkerFailureExit;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker (no web server) run inside the test JVM against a real broker: what it logs
 * when no container starts, and {@link WorkerFailureExit}, which must never end a JVM
 * that the test runner's thread keeps alive (it would end the test run).
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class InProcessWorkerIntegrationTests {

	private final KafkaTestBroker broker = KafkaTestBroker.shared();

	@Test
	void failedWorkerWhoseJvmOtherThreadsKeepAliveIsNotEnded(CapturedOutput output) throws Exception {
		String topic = "worker-exit-kept-alive";
		this.broker.createTopic(topic, 1);
		try (ConfigurableApplicationContext context = run(topic)) {
			send(topic, WorkerApplication.ERROR);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> output.getOut()
					.contains("No listener container runs any more and liveness is DOWN, but other non-daemon "
							+ "threads keep the JVM alive: the application is not ended"));
			assertThat(context.isActive()).isTrue();
			assertThat(context.getBean(KarafkaLivenessHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.DOWN);
			assertThat(output).doesNotContain("the application exits with status 1");
		}
	}

	@Test
	void workerWhoseOnlyTopicIsInactiveSaysWhyNoContainerRuns(CapturedOutput output) {
		String topic = "worker-inactive";
		this.broker.createTopic(topic, 1);
		try (ConfigurableApplicationContext context = run(topic, "--karafka.topics." + topic + ".active=false")) {
			assertThat(output).contains("No listener container runs, none starts automatically: 'worker' "
					+ "(karafka.topics." + topic + ".active=false). No consumer thread keeps the process alive: "
					+ "without a web server, it ends once the application's runners return, unless other non-daemon "
					+ "threads (the development broker's, spring.main.keep-alive's, the application's own) keep it "
					+ "running.");
		}
	}

	private ConfigurableApplicationContext run(String topic, String... arguments) {
		SpringApplication application = new SpringApplication(WorkerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> all = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers(),
				"--worker.topic=" + topic, "--spring.kafka.consumer.group-id=" + topic,
				"--spring.kafka.consumer.auto-offset-reset=earliest", "--karafka.probes.enabled=false"));
		all.addAll(List.of(arguments));
		return application.run(all.toArray(String[]::new));
	}

	private void send(String topic, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
		}
	}

	private String bootstrapServers() {
		return this.broker.bootstrapServers(Listener.PLAINTEXT);
	}

}
