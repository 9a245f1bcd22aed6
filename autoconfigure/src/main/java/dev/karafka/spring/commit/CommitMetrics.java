package dev.karafka.spring.commit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Offset commit metrics: {@code karafka.commit.failures}, the number of failed offset
 * commits ({@code karafka_commit_failures_total} in Prometheus).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class CommitMetrics implements MeterBinder {

	private final CommitFailures failures;

	/**
	 * Create a new instance.
	 * @param failures the failed commits to count
	 */
	public CommitMetrics(CommitFailures failures) {
		this.failures = failures;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("karafka.commit.failures", this.failures, CommitFailures::count)
			.description("Offset commits that failed; their offsets are committed again by a later commit")
			.register(registry);
	}

}
