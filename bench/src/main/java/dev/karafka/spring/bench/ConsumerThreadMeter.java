package dev.karafka.spring.bench;

import java.lang.management.ManagementFactory;

/**
 * Measures records, time and bytes allocated on the consuming thread from the end of the
 * warm-up records (so that the figures are those of JIT-compiled code, as in a
 * long-running consumer) to the end of the last record, and prints them as one
 * {@code RESULT} line that {@link Benchmark} reads.
 *
 * @author karafka-spring
 */
final class ConsumerThreadMeter {

	private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final long expected;

	private final long warmUp;

	private long records;

	private long measuredFrom = -1;

	private long startNanos;

	private long startBytes;

	/**
	 * Create a new instance.
	 * @param expected how many records are processed in all
	 * @param warmUp how many of them are processed before measuring starts
	 */
	ConsumerThreadMeter(long expected, long warmUp) {
		this.expected = expected;
		this.warmUp = warmUp;
	}

	/**
	 * Note that records were processed on the current thread; measuring starts once the
	 * warm-up records have been processed.
	 * @param count how many
	 * @return whether all expected records have been processed
	 */
	boolean processed(int count) {
		this.records += count;
		if (this.measuredFrom < 0 && this.records >= this.warmUp) {
			this.measuredFrom = this.records;
			this.startBytes = threads.getCurrentThreadAllocatedBytes();
			this.startNanos = System.nanoTime();
		}
		if (this.records < this.expected) {
			return false;
		}
		long measured = this.records - this.measuredFrom;
		long nanos = System.nanoTime() - this.startNanos;
		long bytes = threads.getCurrentThreadAllocatedBytes() - this.startBytes;
		System.out.println(new Measurement(measured / (nanos / 1e9), (double) bytes / measured, 0).line());
		System.out.flush();
		return true;
	}

}
