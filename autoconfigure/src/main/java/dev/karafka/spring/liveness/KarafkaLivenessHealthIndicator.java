package dev.karafka.spring.liveness;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Liveness of the application's consumer threads, as Karafka's Kubernetes liveness
 * listener: DOWN while a thread has not polled within the polling TTL, a consumption has
 * run longer than the consuming TTL, or a container stopped on an unrecoverable error.
 * Reads in-process state only: a broker outage never makes it DOWN. The details name each
 * thread at fault, the TTL exceeded and by how much.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaLivenessHealthIndicator extends AbstractHealthIndicator {

	private final ConsumerThreads threads;

	private final Duration pollingTtl;

	private final Duration consumingTtl;

	/**
	 * Create a new instance.
	 * @param threads the consumer threads
	 * @param pollingTtl the longest time a thread may go without polling
	 * @param consumingTtl the longest time one consumption may run
	 */
	public KarafkaLivenessHealthIndicator(ConsumerThreads threads, Duration pollingTtl, Duration consumingTtl) {
		super("Karafka liveness check failed");
		this.threads = threads;
		this.pollingTtl = pollingTtl;
		this.consumingTtl = consumingTtl;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long now = System.nanoTime();
		List<Map<String, Object>> problems = new ArrayList<>();
		int tracked = 0;
		for (ConsumerThreadState thread : this.threads.states()) {
			if (thread.getUnrecoverableReason() != null) {
				problems.add(problem(thread, "unrecoverable", Map.of("reason", thread.getUnrecoverableReason())));
			}
			else if (thread.isTracked()) {
				tracked++;
				addIfExceeded(problems, thread, "polling_ttl_exceeded", thread.sinceLastPoll(now), this.pollingTtl);
				addIfExceeded(problems, thread, "consumption_ttl_exceeded", thread.currentConsumption(now),
						this.consumingTtl);
			}
		}
		builder.status(problems.isEmpty() ? Status.UP : Status.DOWN)
			.withDetail("consumerThreads", tracked)
			.withDetail("pollingTtl", this.pollingTtl.toString())
			.withDetail("consumingTtl", this.consumingTtl.toString());
		if (!problems.isEmpty()) {
			builder.withDetail("problems", problems);
		}
	}

	private void addIfExceeded(List<Map<String, Object>> problems, ConsumerThreadState thread, String status,
			Duration elapsed, Duration ttl) {
		if (elapsed.compareTo(ttl) > 0) {
			problems.add(problem(thread, status, Map.of("elapsed", millis(elapsed), "ttl", ttl.toString(), "exceededBy",
					millis(elapsed.minus(ttl)))));
		}
	}

	private Map<String, Object> problem(ConsumerThreadState thread, String status, Map<String, Object> details) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("status", status);
		problem.put("listenerId", thread.getListenerId());
		problem.put("thread", thread.getThreadName());
		problem.putAll(details);
		return problem;
	}

	private static String millis(Duration duration) {
		return duration.truncatedTo(ChronoUnit.MILLIS).toString();
	}

}
