package dev.karafka.spring.liveness;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the bytes the liveness interceptor allocates on the per-record path of a
 * tracked consumer thread, with the JVM's per-thread allocation counter.
 *
 * @author karafka-spring
 */
class LivenessInterceptorAllocationTests {

	private static final int RECORDS = 1_000_000;

	@Test
	void perRecordPathAllocatesNothing() {
		ConsumerThreads threads = new ConsumerThreads(Duration.ofMinutes(5),
				new StaticListableBeanFactory().getBeanProvider(ConsumerThreadObserver.class));
		LivenessInterceptor<Object, Object> interceptor = new LivenessInterceptor<>(threads);
		KarafkaLivenessHealthIndicatorTests.startTrackedConsumer(threads, interceptor);
		ConsumerRecord<Object, Object> record = new ConsumerRecord<>("topic", 0, 0, null, "value");
		consume(interceptor, record);
		com.sun.management.ThreadMXBean threadBean = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long before = threadBean.getCurrentThreadAllocatedBytes();
		consume(interceptor, record);
		long allocated = threadBean.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated / (double) RECORDS).as("bytes allocated per record").isLessThan(1);
	}

	private static void consume(LivenessInterceptor<Object, Object> interceptor,
			ConsumerRecord<Object, Object> record) {
		for (int i = 0; i < RECORDS; i++) {
			if (i % 500 == 0) {
				interceptor.clearThreadState(null);
				interceptor.setupThreadState(null);
			}
			interceptor.intercept(record, null);
			interceptor.afterRecord(record, null);
		}
	}

}
