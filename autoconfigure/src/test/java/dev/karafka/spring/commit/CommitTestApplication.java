package dev.karafka.spring.commit;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * An application with one record listener on {@code commit-test.topic} that notes each
 * record it processed (and, with {@code commit-test.output}, appends it to that file
 * before returning, so that a killed process leaves its record behind). It refuses
 * records whose value is {@code poison}.
 *
 * @author karafka-spring
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class CommitTestApplication {

	static final String POISON = "poison";

	@Bean
	ProcessedRecords processedRecords(@Value("${commit-test.output:}") String output) throws IOException {
		return new ProcessedRecords(output.isEmpty() ? null : new FileOutputStream(output, true));
	}

	public static void main(String[] args) {
		SpringApplication.run(CommitTestApplication.class, args);
	}

	static class ProcessedRecords {

		final Queue<String> records = new ConcurrentLinkedQueue<>();

		final AtomicInteger poisonAttempts = new AtomicInteger();

		private final @Nullable OutputStream output;

		ProcessedRecords(@Nullable OutputStream output) {
			this.output = output;
		}

		@KafkaListener(id = "commits", idIsGroup = false, topics = "${commit-test.topic}")
		void consume(ConsumerRecord<String, String> record) throws IOException {
			if (POISON.equals(record.value())) {
				this.poisonAttempts.incrementAndGet();
				throw new IllegalStateException("poison refused");
			}
			String key = Deliveries.key(record.partition(), record.offset());
			if (this.output != null) {
				this.output.write((key + "\n").getBytes(StandardCharsets.UTF_8));
			}
			this.records.add(key);
		}

	}

}
