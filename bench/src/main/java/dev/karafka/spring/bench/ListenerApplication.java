package dev.karafka.spring.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The same Spring Boot application for plain Spring Boot Kafka and for the starter (the
 * benchmark removes the starter from the class path for plain runs): one no-op record
 * listener ({@code bench.listener=record}) or {@code List<String>} batch listener
 * ({@code bench.listener=batch}) on {@code bench.topic}. It exits once it has processed
 * {@code bench.records} records, unless {@code bench.records} is 0 (start-up runs).
 *
 * @author karafka-spring
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ListenerApplication {

	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = SpringApplication.run(ListenerApplication.class, args);
		if (context.getEnvironment().getProperty("bench.records", Long.class, 0L) > 0) {
			context.getBean(CountDownLatch.class).await();
			System.exit(0);
		}
	}

	@Bean
	CountDownLatch done() {
		return new CountDownLatch(1);
	}

	@Bean
	ConsumerThreadMeter meter(@Value("${bench.records:0}") long records, @Value("${bench.warm-up:0}") long warmUp) {
		return new ConsumerThreadMeter((records > 0) ? records : Long.MAX_VALUE, warmUp);
	}

	@Bean
	@ConditionalOnProperty(name = "bench.listener", havingValue = "record")
	RecordListener recordListener(ConsumerThreadMeter meter, CountDownLatch done) {
		return new RecordListener(meter, done);
	}

	@Bean
	@ConditionalOnProperty(name = "bench.listener", havingValue = "batch")
	BatchListener batchListener(ConsumerThreadMeter meter, CountDownLatch done) {
		return new BatchListener(meter, done);
	}

	static class RecordListener {

		private final ConsumerThreadMeter meter;

		private final CountDownLatch done;

		RecordListener(ConsumerThreadMeter meter, CountDownLatch done) {
			this.meter = meter;
			this.done = done;
		}

		@KafkaListener(id = "bench", idIsGroup = false, topics = "${bench.topic}")
		void consume(String value) {
			if (this.meter.processed(1)) {
				this.done.countDown();
			}
		}

	}

	static class BatchListener {

		private final ConsumerThreadMeter meter;

		private final CountDownLatch done;

		BatchListener(ConsumerThreadMeter meter, CountDownLatch done) {
			this.meter = meter;
			this.done = done;
		}

		@KafkaListener(id = "bench", idIsGroup = false, topics = "${bench.topic}", batch = "true")
		void consume(List<String> values) {
			if (this.meter.processed(values.size())) {
				this.done.countDown();
			}
		}

	}

}
