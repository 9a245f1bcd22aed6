package dev.karafka.spring.deadletter;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Dead-letter queue metrics: the dispatches that failed since start-up
 * ({@code karafka.dead_letter.dispatch.failures}, each retry counted) and the partitions
 * they block ({@code karafka.dead_letter.stuck_partitions}).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class DeadLetterMetrics implements MeterBinder {

	private final DeadLetterDispatchFailures failures;

	/**
	 * Create a new instance.
	 * @param failures the failed dispatches
	 */
	public DeadLetterMetrics(DeadLetterDispatchFailures failures) {
		this.failures = failures;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter
			.builder("karafka.dead_letter.dispatch.failures", this.failures, DeadLetterDispatchFailures::failureCount)
			.description("Dead-letter dispatches that failed, each retry counted")
			.register(registry);
		Gauge
			.builder("karafka.dead_letter.stuck_partitions", this.failures,
					(failures) -> failures.stuckPartitions().size())
			.description("Partitions blocked at a record that could not be sent to its dead-letter topic")
			.register(registry);
	}

}
