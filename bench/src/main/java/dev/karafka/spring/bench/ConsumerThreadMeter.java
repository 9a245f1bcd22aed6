package dev.karafka.spring.bench;

import java.lang.management.ManagementFactory;

/**
 * Measures records, time and bytes allocated on the consuming thread between the start of
 * the first record and the end of the last, and prints them as one {@code RESULT} line
 * that {@link Benchmark} reads.
 *
 * @author karafka-spring
 */
final class ConsumerThreadMeter {

	private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final long expected;

	private long records;

	private long startNanos;

	private long startBytes;

	ConsumerThreadMeter(long expected) {
		this.expected = expected;
	}

	/**
	 * Note that records start being processed on the current thread.
	 */
	void starting() {
		if (this.records == 0 && this.startNanos == 0) {
			this.startBytes = threads.getCurrentThreadAllocatedBytes();
			this.startNanos = System.nanoTime();
		}
	}

	/**
	 * Note that records were processed on the current thread.
	 * @param count how many
	 * @return whether all expected records have been processed
	 */
	boolean processed(int count) {
		this.records += count;
		if (this.records < this.expected) {
			return false;
		}
		long nanos = System.nanoTime() - this.startNanos;
		long bytes = threads.getCurrentThreadAllocatedBytes() - this.startBytes;
		System.out.println(new Measurement(this.records / (nanos / 1e9), (double) bytes / this.records, 0).line());
		System.out.flush();
		return true;
	}

}
