package dev.karafka.spring.processing;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.awaitility.Awaitility.await;

/**
 * The application's own {@link CommonErrorHandler} bean handles listener errors with the
 * starter present, even with karafka back-off and dead-letter settings.
 *
 * @author karafka-spring
 */
@KafkaTestBrokerConnection
@SpringBootTest(classes = UserErrorHandlerIntegrationTests.UserErrorHandlerApplication.class,
		properties = { "spring.kafka.consumer.group-id=user-error-handler", "karafka.initial-offset=earliest",
				"karafka.dead-letter-queue.topic=user-error-handler-dlq" })
class UserErrorHandlerIntegrationTests {

	@Autowired
	private RecordingErrorHandler errorHandler;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Test
	void applicationErrorHandlerHandlesListenerErrors() throws Exception {
		this.template.send("user-error-handler", "boom").get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.errorHandler.handled.contains("boom"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class UserErrorHandlerApplication {

		@Bean
		RecordingErrorHandler recordingErrorHandler() {
			return new RecordingErrorHandler();
		}

		@Bean
		FailingListener failingListener() {
			return new FailingListener();
		}

	}

	static class FailingListener {

		@KafkaListener(topics = "user-error-handler")
		void onRecord(String payload) {
			throw new IllegalStateException("listener failed on " + payload);
		}

	}

	static class RecordingErrorHandler implements CommonErrorHandler {

		final Queue<Object> handled = new ConcurrentLinkedQueue<>();

		@Override
		public boolean handleOne(Exception thrownException, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
				MessageListenerContainer container) {
			this.handled.add(record.value());
			return true;
		}

	}

}
