package dev.karafka.spring.processing;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the back-off and the dead-letter producer of {@link ErrorHandlers}.
 *
 * @author karafka-spring
 */
class ErrorHandlersTests {

	@Test
	void withoutDeadLetterQueueRetriesForever() {
		BackOffExecution execution = ErrorHandlers.backOff(settings(false, null), FixedBackOff.UNLIMITED_ATTEMPTS)
			.start();
		for (int i = 0; i < 10_000; i++) {
			assertThat(execution.nextBackOff()).isEqualTo(200);
		}
	}

	@Test
	void withDeadLetterQueueStopsAfterMaxRetries() {
		BackOffExecution execution = ErrorHandlers.backOff(settings(false, "dlq"), 3).start();
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void exponentialBackOffDoublesUpToTheMaxTimeout() {
		BackOffExecution execution = ErrorHandlers.backOff(settings(true, null), FixedBackOff.UNLIMITED_ATTEMPTS)
			.start();
		assertThat(execution.nextBackOff()).isEqualTo(200);
		assertThat(execution.nextBackOff()).isEqualTo(400);
		assertThat(execution.nextBackOff()).isEqualTo(800);
		assertThat(execution.nextBackOff()).isEqualTo(1000);
		assertThat(execution.nextBackOff()).isEqualTo(1000);
	}

	@Test
	void deadLetterProducerBlocksNoLongerThanMaxBlockTime() {
		DefaultKafkaProducerFactory<String, String> application = producerFactory(60_000);
		KafkaOperations<?, ?> template = deadLetterTemplate(application);
		assertThat(template.getProducerFactory()).isNotSameAs(application);
		assertThat(template.getProducerFactory().getConfigurationProperties())
			.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000L)
			.containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
		((KafkaTemplate<?, ?>) template).destroy();
	}

	@Test
	void deadLetterProducerKeepsAShorterMaxBlockOfTheApplication() {
		DefaultKafkaProducerFactory<String, String> application = producerFactory(1000);
		assertThat(deadLetterTemplate(application).getProducerFactory()).isSameAs(application);
	}

	@Test
	void transactionalDeadLetterProducerIsTheApplicationsOwn() {
		DefaultKafkaProducerFactory<String, String> application = producerFactory(60_000);
		application.setTransactionIdPrefix("tx-");
		assertThat(deadLetterTemplate(application).getProducerFactory()).isSameAs(application);
	}

	private static KafkaOperations<?, ?> deadLetterTemplate(ProducerFactory<String, String> application) {
		return new ErrorHandlers.DeadLetterTemplate(() -> new KafkaTemplate<>(application), Duration.ofSeconds(5))
			.get();
	}

	private static DefaultKafkaProducerFactory<String, String> producerFactory(int maxBlockMs) {
		return new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
				ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

	private static ListenerSettings settings(boolean exponential, String deadLetterTopic) {
		return new ListenerSettings(true, null, null, null, null, Duration.ofMillis(200), Duration.ofSeconds(1),
				exponential, deadLetterTopic, 3);
	}

}
