package dev.karafka.spring.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A bare {@link KafkaConsumer} poll loop that commits nothing: the upper bound of the
 * listeners' throughput. Arguments: bootstrap servers, topic, group, record count,
 * warm-up record count.
 *
 * @author karafka-spring
 */
public final class BareConsumerLoop {

	private BareConsumerLoop() {
	}

	public static void main(String[] args) {
		ConsumerThreadMeter meter = new ConsumerThreadMeter(Long.parseLong(args[3]), Long.parseLong(args[4]));
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
				ConsumerConfig.GROUP_ID_CONFIG, args[2], ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		long length = 0;
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(args[1]));
			boolean done = false;
			while (!done) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
				if (!records.isEmpty()) {
					for (ConsumerRecord<String, String> record : records) {
						length += record.value().length();
					}
					done = meter.processed(records.count());
				}
			}
		}
		System.out.println("Consumed " + length + " characters");
	}

}
