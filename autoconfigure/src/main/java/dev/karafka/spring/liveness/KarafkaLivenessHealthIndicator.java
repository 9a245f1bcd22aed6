package dev.karafka.spring.liveness;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * Each problem is logged once at WARN when a health call first finds it, so that the log
 * of a process that Kubernetes restarts for it says why; the return to UP is logged at
 * INFO.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaLivenessHealthIndicator extends AbstractHealthIndicator {

	private static final Log logger = LogFactory.getLog(KarafkaLivenessHealthIndicator.class);

	private final Set<String> loggedProblems = new HashSet<>();

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
		logChanges(problems);
	}

	private synchronized void logChanges(List<Map<String, Object>> problems) {
		Set<String> current = new HashSet<>();
		for (Map<String, Object> problem : problems) {
			String key = problem.get("status") + " " + problem.get("listenerId") + " " + problem.get("thread");
			current.add(key);
			if (!this.loggedProblems.contains(key)) {
				Map<String, Object> details = new LinkedHashMap<>(problem);
				details.keySet().removeAll(List.of("status", "listenerId", "thread"));
				logProblem(problem.get("status") + " of listener '" + problem.get("listenerId") + "' on thread '"
						+ problem.get("thread") + "' " + details);
			}
		}
		if (current.isEmpty() && !this.loggedProblems.isEmpty()) {
			logRecovery();
		}
		this.loggedProblems.clear();
		this.loggedProblems.addAll(current);
	}

	/**
	 * Log a problem of a consumer thread the first time a health call finds it.
	 * @param problem the problem: its status, listener id, thread and details
	 */
	protected void logProblem(String problem) {
		logger.warn("Liveness is DOWN: " + problem);
	}

	/**
	 * Log that no consumer thread has a problem any more, after one had.
	 */
	protected void logRecovery() {
		logger.info("Liveness is UP again");
	}

	private boolean addIfExceeded(List<Map<String, Object>> problems, ConsumerThreadState thread, String status,
			Duration elapsed, Duration ttl) {
		if (elapsed.compareTo(ttl) <= 0) {
			return false;
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("elapsed", millis(elapsed));
		details.put("ttl", ttl.toString());
		details.put("exceededBy", millis(elapsed.minus(ttl)));
		problems.add(problem(thread, status, details));
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
