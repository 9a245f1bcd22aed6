package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Status;

/**
 * Liveness metrics: per consumer thread, the seconds since it last started a poll and the
 * duration of its current consumption, tagged by listener id and thread, and removed when
 * the thread's container run ends; and the liveness status (1 for UP, 0 otherwise).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class LivenessMetrics implements MeterBinder, ConsumerThreadObserver {

	private final KarafkaLivenessHealthIndicator livenessIndicator;

	private final ConsumerThreads threads;

	private final Map<ConsumerThreadState, List<Meter>> meters = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param livenessIndicator the liveness health indicator whose status is published
	 * @param threads the consumer threads whose clock the gauges read
	 */
	public LivenessMetrics(KarafkaLivenessHealthIndicator livenessIndicator, ConsumerThreads threads) {
		this.livenessIndicator = livenessIndicator;
		this.threads = threads;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("karafka.liveness.status", this, LivenessMetrics::status)
			.description("Liveness of the consumer threads: 1 when UP, 0 otherwise")
			.register(registry);
	}

	@Override
	public void started(ConsumerThreadState state) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		Tags tags = Tags.of("listener.id", state.getListenerId(), "thread", state.getThreadName());
		Gauge pollAge = Gauge
			.builder("karafka.consumer.poll.age", state, (thread) -> seconds(thread.sinceLastPoll(now())))
			.description("Time since the consumer thread last started a poll()")
			.baseUnit("seconds")
			.tags(tags)
			.register(registry);
		Gauge consumption = Gauge
			.builder("karafka.consumer.consumption.duration", state,
					(thread) -> seconds(thread.currentConsumption(now())))
			.description("How long the consumer thread's current consumption has been running; 0 when none runs")
			.baseUnit("seconds")
			.tags(tags)
			.register(registry);
		this.meters.put(state, List.of(pollAge, consumption));
	}

	@Override
	public void stopped(ConsumerThreadState state) {
		List<Meter> removed = this.meters.remove(state);
		MeterRegistry registry = this.registry;
		if (removed != null && registry != null) {
			removed.forEach(registry::remove);
		}
	}

	private double status() {
		return Status.UP.equals(this.livenessIndicator.health().getStatus()) ? 1 : 0;
	}

	private long now() {
		return this.threads.getClock().millis();
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
