package dev.karafka.spring.supervision;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Stalls the first {@code poll()} that returns a record whose value is {@link #STALL},
 * inside the poll, until interrupted.
 *
 * @author karafka-spring
 */
public class StallingConsumerInterceptor implements ConsumerInterceptor<Object, Object> {

	static final String STALL = "stall";

	static final AtomicInteger stalls = new AtomicInteger();

	static final AtomicReference<String> stalledThread = new AtomicReference<>();

	static final CountDownLatch released = new CountDownLatch(1);

	@Override
	public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
		for (ConsumerRecord<Object, Object> record : records) {
			if (STALL.equals(record.value()) && stalls.compareAndSet(0, 1)) {
				stalledThread.set(Thread.currentThread().getName());
				try {
					released.await(2, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					return records;
				}
			}
		}
		return records;
	}

	@Override
	public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
	}

	@Override
	public void close() {
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}

}
