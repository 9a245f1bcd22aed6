package dev.karafka.spring.liveness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * An application whose listeners can be made to hang, for liveness tests.
 *
 * @author karafka-spring
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class LivenessTestApplication {

	static final String BLOCK = "block";

	@Bean
	Gate gate() {
		return new Gate();
	}

	@Bean
	CountingRecordInterceptor countingRecordInterceptor() {
		return new CountingRecordInterceptor();
	}

	@Bean
	NewTopic recordsTopic() {
		return TopicBuilder.name("liveness-records").partitions(3).build();
	}

	@Bean
	Listeners listeners(Gate gate) {
		return new Listeners(gate);
	}

	static String get(int port, String path) {
		return response(port, path).body();
	}

	static int status(int port, String path) {
		return response(port, path).statusCode();
	}

	private static HttpResponse<String> response(int port, String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Listeners {

		private final Gate gate;

		Listeners(Gate gate) {
			this.gate = gate;
		}

		@KafkaListener(id = "records", topics = "liveness-records", concurrency = "3")
		void records(String payload) throws InterruptedException {
			this.gate.passIf(payload);
		}

		@KafkaListener(id = "batches", topics = "liveness-batches", batch = "true")
		void batches(List<String> payloads) throws InterruptedException {
			for (String payload : payloads) {
				this.gate.passIf(payload);
			}
		}

		@KafkaListener(id = "idle", topics = "liveness-idle")
		void idle(String payload) {
		}

		@KafkaListener(id = "stoppable", topics = "liveness-stoppable")
		void stoppable(String payload) {
		}

		@KafkaListener(id = "never-started", topics = "liveness-never-started", autoStartup = "false")
		void neverStarted(String payload) {
		}

	}

	/**
	 * Holds listeners that receive {@link #BLOCK} until opened.
	 */
	static class Gate {

		private volatile CountDownLatch latch = new CountDownLatch(0);

		void close() {
			this.latch = new CountDownLatch(1);
		}

		void open() {
			this.latch.countDown();
		}

		void passIf(String payload) throws InterruptedException {
			if (BLOCK.equals(payload)) {
				this.latch.await(2, TimeUnit.MINUTES);
			}
		}

	}

	static class CountingRecordInterceptor implements RecordInterceptor<Object, Object> {

		final AtomicInteger intercepted = new AtomicInteger();

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			this.intercepted.incrementAndGet();
			return record;
		}

	}

}
