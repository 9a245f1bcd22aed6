package dev.karafka.spring.naming;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Kafka {@link ProducerInterceptor} that sends every record to the prefixed name of its
 * topic: sends of {@code KafkaTemplate} (explicit or default topic, records, messages),
 * {@code @SendTo} replies, dead-letter and retry records alike. The prefix is the
 * {@value #PREFIX_CONFIG} producer setting; listed last in {@code interceptor.classes},
 * it lets the application's own interceptors see the names the application uses.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author karafka-spring
 * @since 0.1.0
 */
public class NamePrefixProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

	/**
	 * Producer setting holding the prefix.
	 */
	public static final String PREFIX_CONFIG = "karafka.name.prefix";

	private NamePrefix prefix = NamePrefix.NONE;

	@Override
	public void configure(Map<String, ?> configs) {
		Object value = configs.get(PREFIX_CONFIG);
		this.prefix = NamePrefix.of((value != null) ? value.toString() : null);
	}

	@Override
	public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
		String topic = this.prefix.apply(record.topic());
		if (topic.equals(record.topic())) {
			return record;
		}
		return new ProducerRecord<>(topic, record.partition(), record.timestamp(), record.key(), record.value(),
				record.headers());
	}

	@Override
	public void onAcknowledgement(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
	}

	@Override
	public void close() {
	}

}
