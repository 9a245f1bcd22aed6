package dev.karafka.spring.processing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener failures are logged once per record on a real broker: a WARN with the
 * exception when a record first fails, none per retry, and a WARN when it goes to its
 * dead-letter topic. The context closes with the class, while the shared broker runs: at
 * JVM exit its consumer's commit on revocation would wait for a broker whose own shutdown
 * hook may have stopped it.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
@KafkaTestBrokerConnection
@SpringBootTest(classes = FailedRecordLoggingIntegrationTests.FailingApplication.class,
		properties = { "spring.kafka.consumer.group-id=failed-record-logging", "karafka.initial-offset=earliest",
				"karafka.pause.timeout=100ms", "karafka.topics.logged-dlq.dead-letter-queue.topic=logged-dlq-dlt",
				"karafka.topics.logged-dlq.dead-letter-queue.max-retries=2" })
@DirtiesContext
class FailedRecordLoggingIntegrationTests {

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private FailingListener listener;

	@Test
	void recordRetriedForeverIsLoggedOnceWithItsException(CapturedOutput output) throws Exception {
		this.template.send("logged-forever", "poison").get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.listener.attempts("logged-forever") >= 4);
		assertThat(
				output.getOut().lines().filter((line) -> line.contains("Listener failed on record logged-forever-0@0")))
			.hasSize(1)
			.allMatch((line) -> line.contains(" WARN "));
		assertThat(output.getOut()).contains("java.lang.IllegalStateException: cannot process poison");
	}

	@Test
	void recordSentToItsDeadLetterTopicIsLoggedOnFirstFailureAndOnDispatch(CapturedOutput output) throws Exception {
		this.template.send("logged-dlq", "poison").get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> output.getOut()
				.contains("Record logged-dlq-0@0 failed its retries and was sent to dead-letter topic "
						+ "'logged-dlq-dlt' (IllegalStateException)"));
		assertThat(this.listener.attempts("logged-dlq")).isEqualTo(3);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Listener failed on record logged-dlq-0@0")))
			.hasSize(1);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class FailingApplication {

		@Bean
		FailingListener failingListener() {
			return new FailingListener();
		}

	}

	static class FailingListener {

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		@KafkaListener(topics = "logged-forever")
		void consumeForever(String value) {
			fail("logged-forever", value);
		}

		@KafkaListener(topics = "logged-dlq")
		void consumeWithDeadLetters(String value) {
			fail("logged-dlq", value);
		}

		private void fail(String topic, String value) {
			this.attempts.computeIfAbsent(topic, (key) -> new AtomicInteger()).incrementAndGet();
			throw new IllegalStateException("cannot process " + value);
		}

		int attempts(String topic) {
			AtomicInteger count = this.attempts.get(topic);
			return (count != null) ? count.get() : 0;
		}

	}

}
