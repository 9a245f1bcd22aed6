package dev.karafka.spring.liveness;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Stamps the consumer thread's state before each poll (as Karafka ticks before each poll)
 * and around each listener call, record or batch. Per record it costs a clock read and a
 * volatile write: no allocation, no lock. It is composed with the application's own
 * interceptors, never instead of them. A container built by hand is tracked when this
 * interceptor is its record or batch interceptor.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author karafka-spring
 * @since 0.1.0
 */
public class LivenessInterceptor<K, V> implements RecordInterceptor<K, V>, BatchInterceptor<K, V> {

	private final ConsumerThreads threads;

	/**
	 * Create a new instance.
	 * @param threads the consumer threads to stamp
	 */
	public LivenessInterceptor(ConsumerThreads threads) {
		this.threads = threads;
	}

	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		ConsumerThreadState state = this.threads.current();
		if (state != null) {
			state.pollStarting(this.threads.getClock().millis());
		}
	}

	@Override
	public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		consumptionStarting();
		return record;
	}

	@Override
	public ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		consumptionStarting();
		return records;
	}

	@Override
	public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		consumptionEnded();
	}

	@Override
	public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		consumptionEnded();
	}

	@Override
	public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		consumptionEnded();
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		ConsumerThreadState state = this.threads.current();
		if (state != null) {
			state.consumptionEnded();
		}
	}

	private void consumptionStarting() {
		ConsumerThreadState state = this.threads.current();
		if (state != null) {
			state.consumptionStarting(this.threads.getClock().millis());
		}
	}

	private void consumptionEnded() {
		ConsumerThreadState state = this.threads.current();
		if (state != null) {
			state.consumptionEnded();
		}
	}

}
