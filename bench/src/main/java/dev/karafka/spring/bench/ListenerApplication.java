package dev.karafka.spring.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.metrics.StartupStep;
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
		SpringApplication application = new SpringApplication(ListenerApplication.class);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		if (Boolean.getBoolean("bench.startup-steps")) {
			application.setApplicationStartup(startup);
		}
		ConfigurableApplicationContext context = application.run(args);
		if (Boolean.getBoolean("bench.startup-steps")) {
			printSlowestBeans(startup);
		}
		if (context.getEnvironment().getProperty("bench.records", Long.class, 0L) > 0) {
			context.getBean(CountDownLatch.class).await();
			System.exit(0);
		}
	}

	/**
	 * Print the twenty bean instantiations that took longest, their own time (children
	 * excluded), for {@code -Dbench.startup-steps=true}.
	 */
	private static void printSlowestBeans(BufferingApplicationStartup startup) {
		List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		Map<Long, Duration> children = new HashMap<>();
		for (TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				children.merge(parent, event.getDuration(), Duration::plus);
			}
		}
		events.stream()
			.filter((event) -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
			.map((event) -> Map.entry(
					event.getDuration().minus(children.getOrDefault(event.getStartupStep().getId(), Duration.ZERO)),
					beanName(event)))
			.sorted(Map.Entry.<Duration, String>comparingByKey().reversed())
			.limit(20)
			.forEach((entry) -> System.out.printf("STEP %5d ms %s%n", entry.getKey().toMillis(), entry.getValue()));
	}

	private static String beanName(TimelineEvent event) {
		for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
			if (tag.getKey().equals("beanName")) {
				return tag.getValue();
			}
		}
		return "?";
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
