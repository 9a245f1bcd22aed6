package dev.karafka.spring.supervision;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.liveness.KarafkaLivenessHealthIndicator;
import dev.karafka.spring.liveness.UntrackedContainers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Liveness in supervised mode, as Karafka's swarm liveness: UP while the
 * {@link ListenerSupervisor} is in control, DOWN when it has not completed a check within
 * the controlling TTL (its thread is blocked or dead) or gave a listener container up
 * (named in the details). Consumer threads past their TTLs are reported as
 * {@code overruns} and the supervisor's actions per container as {@code nodes}, without
 * making it DOWN. Before the supervisor starts and after it stops (at shutdown) it is UP.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class SupervisedLivenessHealthIndicator extends KarafkaLivenessHealthIndicator {

	private static final Log logger = LogFactory.getLog(SupervisedLivenessHealthIndicator.class);

	private final ListenerSupervisor supervisor;

	/**
	 * Create a new instance.
	 * @param supervisor the supervisor of the listener containers
	 * @param threads the consumer threads
	 * @param pollingTtl the configured polling TTL
	 * @param consumingTtl the longest time one consumption may run
	 * @param stabilityTtl the longest time a polling thread may stay rebalancing
	 * @param untrackedContainers the containers whose threads are not tracked, if known
	 */
	public SupervisedLivenessHealthIndicator(ListenerSupervisor supervisor, ConsumerThreads threads,
			Duration pollingTtl, Duration consumingTtl, Duration stabilityTtl,
			@Nullable UntrackedContainers untrackedContainers) {
		super(threads, pollingTtl, consumingTtl, stabilityTtl, untrackedContainers);
		this.supervisor = supervisor;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Health.Builder threads = new Health.Builder();
		super.doHealthCheck(threads);
		threads.build().getDetails().forEach((name, value) -> builder.withDetail(renamed(name), value));
		Map<String, String> givenUp = this.supervisor.givenUp();
		boolean controlling = this.supervisor.isControlling();
		builder.status((controlling && givenUp.isEmpty()) ? Status.UP : Status.DOWN)
			.withDetail("supervisor", supervisorDetails(controlling));
		Map<String, Object> nodes = nodes();
		if (!nodes.isEmpty()) {
			builder.withDetail("nodes", nodes);
		}
		if (!givenUp.isEmpty()) {
			builder.withDetail("givenUp", givenUp);
		}
	}

	/**
	 * Log a problem as one the supervisor acts on: it restarts the listener container, or
	 * gives it up, which makes liveness DOWN.
	 */
	@Override
	protected void logProblem(String problem) {
		logger.warn("Consumer thread at fault, for the supervisor to act on (it restarts the listener container, "
				+ "and gives it up after karafka.supervision.max-restarts): " + problem);
	}

	@Override
	protected void logRecovery() {
		logger.info("No consumer thread at fault any more");
	}

	private static String renamed(String name) {
		return "problems".equals(name) ? "overruns" : name;
	}

	private Map<String, Object> supervisorDetails(boolean controlling) {
		SupervisionPolicy policy = this.supervisor.getPolicy();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status",
				!this.supervisor.isRunning() ? "stopped" : controlling ? "controlling" : "not_controlling");
		details.put("sinceLastCheck", this.supervisor.sinceLastCheck().truncatedTo(ChronoUnit.MILLIS).toString());
		details.put("interval", policy.interval().toString());
		details.put("controllingTtl", policy.controllingTtl().toString());
		details.put("leakedThreads", this.supervisor.leakedThreads());
		return details;
	}

	private Map<String, Object> nodes() {
		Map<String, Object> nodes = new TreeMap<>();
		for (SupervisedNode node : this.supervisor.nodes()) {
			Map<String, Object> lastAction = node.getLastAction();
			if (lastAction != null) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("restarts", node.getRestarts());
				details.put("leakedThreads", node.getLeakedThreadNames());
				details.put("lastAction", lastAction);
				nodes.put(node.getListenerId(), details);
			}
		}
		return nodes;
	}

}
