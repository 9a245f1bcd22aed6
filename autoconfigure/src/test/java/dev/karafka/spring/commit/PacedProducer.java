package dev.karafka.spring.commit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a stream of records to the partitions of a topic in turn, at a steady rate, from
 * a thread of its own.
 *
 * @author karafka-spring
 */
final class PacedProducer implements AutoCloseable {

	private final KafkaProducer<String, String> producer;

	private final CompletableFuture<Map<Integer, Integer>> sent;

	private final AtomicInteger sentSoFar = new AtomicInteger();

	PacedProducer(String bootstrapServers, String topic, int partitions, int count, int perSecond) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, "5"),
				new StringSerializer(), new StringSerializer());
		this.sent = CompletableFuture.supplyAsync(() -> send(topic, partitions, count, perSecond));
	}

	private Map<Integer, Integer> send(String topic, int partitions, int count, int perSecond) {
		Map<Integer, Integer> sent = new HashMap<>();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			int partition = i % partitions;
			this.producer.send(new ProducerRecord<>(topic, partition, null, "record-" + i));
			sent.merge(partition, 1, Integer::sum);
			this.sentSoFar.incrementAndGet();
			long due = start + TimeUnit.SECONDS.toNanos(i + 1) / perSecond;
			long ahead = due - System.nanoTime();
			if (ahead > TimeUnit.MILLISECONDS.toNanos(10)) {
				sleep(ahead);
			}
		}
		this.producer.flush();
		return sent;
	}

	private static void sleep(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return how many records were handed to the producer so far.
	 * @return the number of records
	 */
	int sentSoFar() {
		return this.sentSoFar.get();
	}

	/**
	 * Wait until every record is sent.
	 * @return the records sent per partition
	 */
	Map<Integer, Integer> awaitSent() throws Exception {
		return this.sent.get(2, TimeUnit.MINUTES);
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
