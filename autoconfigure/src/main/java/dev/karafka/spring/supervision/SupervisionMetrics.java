package dev.karafka.spring.supervision;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Supervision metrics: the restarts of each listener container
 * ({@code karafka.supervision.restarts}, tagged by listener id), the consumer threads
 * that ignored the interrupt of a restart and still run
 * ({@code karafka.supervision.leaked.threads}), the seconds since the supervisor last
 * completed a check ({@code karafka.supervision.last.check.age}), and the containers it
 * gave up ({@code karafka.supervision.given.up}).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class SupervisionMetrics implements MeterBinder, SupervisorObserver {

	private final ListenerSupervisor supervisor;

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param supervisor the supervisor whose actions are published
	 */
	public SupervisionMetrics(ListenerSupervisor supervisor) {
		this.supervisor = supervisor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("karafka.supervision.leaked.threads", this.supervisor, ListenerSupervisor::leakedThreads)
			.description("Consumer threads that ignored the interrupt of a restart and still run")
			.register(registry);
		Gauge
			.builder("karafka.supervision.last.check.age", this.supervisor,
					(supervisor) -> seconds(supervisor.sinceLastCheck()))
			.description("Time since the supervisor last completed a check of the listener containers")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("karafka.supervision.given.up", this.supervisor, (supervisor) -> supervisor.givenUp().size())
			.description("Listener containers the supervisor gave up")
			.register(registry);
	}

	@Override
	public void restarted(String listenerId) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Counter.builder("karafka.supervision.restarts")
				.description("Restarts of a listener container by the supervisor")
				.tag("listener.id", listenerId)
				.register(registry)
				.increment();
		}
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
