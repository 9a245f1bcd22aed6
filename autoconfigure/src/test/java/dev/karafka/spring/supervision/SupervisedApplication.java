package dev.karafka.spring.supervision;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;

/**
 * An application with one supervised listener, {@code supervised}, that hangs on records
 * whose value is {@link #BLOCK} as its {@code supervised.mode} says, and an observer that
 * can block the supervisor's thread.
 *
 * @author karafka-spring
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SupervisedApplication {

	static final String BLOCK = "block";

	@Bean
	NewTopic supervisedTopic(@Value("${supervised.topic}") String topic) {
		return TopicBuilder.name(topic).partitions(1).build();
	}

	@Bean
	HangingListener hangingListener(@Value("${supervised.mode}") Mode mode) {
		return new HangingListener(mode);
	}

	@Bean
	BlockingObserver blockingObserver() {
		return new BlockingObserver();
	}

	static HttpResponse<String> get(int port, String path) {
		try {
			return HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(5))
				.build()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	enum Mode {

		/**
		 * Hang on the first delivery of a blocking record until interrupted.
		 */
		HANG_ONCE,

		/**
		 * Hang on every delivery of a blocking record until interrupted.
		 */
		HANG_ALWAYS,

		/**
		 * Hang on the first delivery of a blocking record, ignoring interrupts, until
		 * released.
		 */
		IGNORE_INTERRUPT

	}

	static class HangingListener {

		private final Mode mode;

		final Map<String, Queue<String>> threadsByPayload = new ConcurrentHashMap<>();

		final AtomicInteger hangs = new AtomicInteger();

		final Queue<String> hungThreads = new ConcurrentLinkedQueue<>();

		final CountDownLatch released = new CountDownLatch(1);

		final AtomicInteger ignoredInterrupts = new AtomicInteger();

		HangingListener(Mode mode) {
			this.mode = mode;
		}

		@KafkaListener(id = "supervised", topics = "${supervised.topic}")
		void onRecord(String payload) throws InterruptedException {
			String thread = Thread.currentThread().getName();
			if (BLOCK.equals(payload) && (this.mode == Mode.HANG_ALWAYS || this.hangs.get() == 0)) {
				this.hangs.incrementAndGet();
				this.hungThreads.add(thread);
				hang();
			}
			this.threadsByPayload.computeIfAbsent(payload, (key) -> new ConcurrentLinkedQueue<>()).add(thread);
		}

		private void hang() throws InterruptedException {
			if (this.mode != Mode.IGNORE_INTERRUPT) {
				this.released.await(2, TimeUnit.MINUTES);
				return;
			}
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
			while (this.released.getCount() > 0 && System.nanoTime() < deadline) {
				try {
					this.released.await(100, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					this.ignoredInterrupts.incrementAndGet();
				}
			}
		}

	}

	/**
	 * Blocks the supervisor's thread after a check while closed.
	 */
	static class BlockingObserver implements SupervisorObserver {

		private volatile CountDownLatch gate = new CountDownLatch(0);

		volatile long blockedAtNanos;

		void close() {
			this.blockedAtNanos = 0;
			this.gate = new CountDownLatch(1);
		}

		void open() {
			this.gate.countDown();
		}

		@Override
		public void checked() {
			CountDownLatch gate = this.gate;
			if (gate.getCount() > 0) {
				this.blockedAtNanos = System.nanoTime();
				try {
					gate.await(2, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
