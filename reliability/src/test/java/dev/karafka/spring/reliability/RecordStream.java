package dev.karafka.spring.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unique sequence of users events produced at a steady rate with {@code acks=all} and
 * idempotence, remembering the {@link RecordId} of every record the broker acknowledged.
 */
final class RecordStream implements AutoCloseable {

	private static final int TICKS_PER_SECOND = 20;

	private static final int KEYS = 12;

	private final String topic;

	private final int recordsPerTick;

	private final Producer<String, String> producer;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "record-stream");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicLong sequence = new AtomicLong();

	private final Map<Long, RecordId> acknowledged = new ConcurrentHashMap<>();

	private final List<Exception> failures = new CopyOnWriteArrayList<>();

	private boolean stopped;

	private RecordStream(String bootstrapServers, String topic, int recordsPerSecond) {
		this.topic = topic;
		this.recordsPerTick = Math.max(1, recordsPerSecond / TICKS_PER_SECOND);
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new StringSerializer());
	}

	/**
	 * Start producing to the given topic.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param recordsPerSecond the rate
	 * @return the running stream
	 */
	static RecordStream start(String bootstrapServers, String topic, int recordsPerSecond) {
		RecordStream stream = new RecordStream(bootstrapServers, topic, recordsPerSecond);
		stream.ticker.scheduleAtFixedRate(stream::tick, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
		return stream;
	}

	/**
	 * Send one record out of the sequence, with the given value, and wait for its
	 * acknowledgement.
	 * @param key the key
	 * @param value the value
	 * @return the id of the record
	 */
	RecordId sendOne(String key, String value) {
		try {
			RecordMetadata metadata = this.producer.send(new ProducerRecord<>(this.topic, key, value)).get();
			return idOf(metadata);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Failed to send " + value, ex);
		}
	}

	/**
	 * Stop producing and wait until every record sent is acknowledged; fails if the
	 * broker refused any.
	 * @param timeout how long to wait for the acknowledgements
	 */
	void stop(Duration timeout) {
		synchronized (this) {
			this.stopped = true;
		}
		this.ticker.shutdown();
		try {
			assertThat(this.ticker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.producer.flush();
		assertThat(this.failures).as("records the broker did not acknowledge").isEmpty();
		assertThat(this.acknowledged).as("acknowledged records").hasSize((int) this.sequence.get());
	}

	/**
	 * Return the ids of the records acknowledged so far.
	 * @return the ids
	 */
	List<RecordId> acknowledged() {
		return new ArrayList<>(this.acknowledged.values());
	}

	private synchronized void tick() {
		if (this.stopped) {
			return;
		}
		for (int i = 0; i < this.recordsPerTick; i++) {
			long number = this.sequence.incrementAndGet();
			String value = "{\"event\":\"user.updated\",\"sequence\":" + number + "}";
			this.producer.send(new ProducerRecord<>(this.topic, "user-" + (number % KEYS), value),
					(metadata, exception) -> {
						if (exception != null) {
							this.failures.add(exception);
						}
						else {
							this.acknowledged.put(number, idOf(metadata));
						}
					});
		}
	}

	private static RecordId idOf(RecordMetadata metadata) {
		return new RecordId(metadata.topic() + "-" + metadata.partition(), metadata.offset());
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		this.producer.close(Duration.ofSeconds(5));
	}

}
