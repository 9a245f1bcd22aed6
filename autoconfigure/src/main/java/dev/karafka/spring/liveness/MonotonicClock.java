package dev.karafka.spring.liveness;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC {@link Clock} that never jumps: it starts at the system time and moves with
 * {@link System#nanoTime()}, so that a corrected wall clock never makes a TTL look
 * exceeded.
 *
 * @author karafka-spring
 */
final class MonotonicClock extends Clock {

	private final long originMillis = System.currentTimeMillis();

	private final long originNanos = System.nanoTime();

	@Override
	public long millis() {
		return this.originMillis + (System.nanoTime() - this.originNanos) / 1_000_000;
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

}
