package dev.karafka.spring.liveness;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Liveness of the application's consumer threads, as Karafka's Kubernetes liveness
 * listener: DOWN while a thread spends longer than the polling TTL beyond its poll
 * timeout in and around a poll, a consumption (a listener call or a revocation) has run
 * longer than the consuming TTL, a thread that keeps polling has been rebalancing longer
 * than the stability TTL, or a container run stopped on an unrecoverable error. Reads
 * in-process state only: a broker outage never makes it DOWN. The details name each
 * thread at fault, the TTL exceeded and by how much, and the containers it cannot see.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaLivenessHealthIndicator extends AbstractHealthIndicator {

	private final ConsumerThreads threads;

	private final Duration pollingTtl;

	private final Duration consumingTtl;

	private final Duration stabilityTtl;

	private final @Nullable UntrackedContainers untrackedContainers;

	/**
	 * Create a new instance.
	 * @param threads the consumer threads
	 * @param pollingTtl the configured polling TTL, shown in the details (each thread
	 * reports the one that applies to it)
	 * @param consumingTtl the longest time one consumption may run
	 * @param stabilityTtl the longest time a polling thread may stay rebalancing
	 * @param untrackedContainers the containers whose threads are not tracked, if known
	 */
	public KarafkaLivenessHealthIndicator(ConsumerThreads threads, Duration pollingTtl, Duration consumingTtl,
			Duration stabilityTtl, @Nullable UntrackedContainers untrackedContainers) {
		super("Karafka liveness check failed");
		this.threads = threads;
		this.pollingTtl = pollingTtl;
		this.consumingTtl = consumingTtl;
		this.stabilityTtl = stabilityTtl;
		this.untrackedContainers = untrackedContainers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long now = this.threads.getClock().millis();
		List<Map<String, Object>> problems = new ArrayList<>();
		int tracked = 0;
		for (ConsumerThreadState thread : this.threads.states()) {
			String unrecoverableReason = thread.getUnrecoverableReason();
			if (unrecoverableReason != null) {
				problems.add(problem(thread, "unrecoverable", Map.of("reason", unrecoverableReason)));
				continue;
			}
			tracked++;
			boolean polling = !addIfExceeded(problems, thread, "polling_ttl_exceeded", thread.pollOverrun(now),
					thread.getPollingTtl());
			addIfExceeded(problems, thread, "consumption_ttl_exceeded", thread.currentConsumption(now),
					this.consumingTtl);
			if (polling) {
				addIfExceeded(problems, thread, "stability_ttl_exceeded", thread.currentRebalance(now),
						this.stabilityTtl);
			}
		}
		builder.status(problems.isEmpty() ? Status.UP : Status.DOWN)
			.withDetail("consumerThreads", tracked)
			.withDetail("pollingTtl", this.pollingTtl.toString())
			.withDetail("consumingTtl", this.consumingTtl.toString())
			.withDetail("stabilityTtl", this.stabilityTtl.toString());
		List<String> untracked = (this.untrackedContainers != null) ? this.untrackedContainers.listenerIds()
				: List.of();
		if (!untracked.isEmpty()) {
			builder.withDetail("untracked", untracked);
		}
		if (!problems.isEmpty()) {
			builder.withDetail("problems", problems);
		}
	}

	private boolean addIfExceeded(List<Map<String, Object>> problems, ConsumerThreadState thread, String status,
			Duration elapsed, Duration ttl) {
		if (elapsed.compareTo(ttl) <= 0) {
			return false;
		}
		problems.add(problem(thread, status,
				Map.of("elapsed", millis(elapsed), "ttl", ttl.toString(), "exceededBy", millis(elapsed.minus(ttl)))));
		return true;
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
