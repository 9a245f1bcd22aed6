package dev.karafka.spring.deadletter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures.StuckPartition;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the dead-letter queue, shown in the readiness group: always UP, with the
 * partitions blocked by a failed dispatch and its cause in the details. A stuck partition
 * does not make the instance unready: every instance would be stuck at the same record,
 * and a DOWN readiness would hold back the rolling deployment that ships the fix.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class DeadLetterQueueHealthIndicator extends AbstractHealthIndicator {

	private final DeadLetterDispatchFailures failures;

	/**
	 * Create a new instance.
	 * @param failures the failed dispatches
	 */
	public DeadLetterQueueHealthIndicator(DeadLetterDispatchFailures failures) {
		super("Dead-letter queue check failed");
		this.failures = failures;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<Map<String, Object>> stuck = this.failures.stuckPartitions()
			.stream()
			.map(DeadLetterQueueHealthIndicator::details)
			.toList();
		builder.up().withDetail("stuckPartitions", stuck).withDetail("failedDispatches", this.failures.failureCount());
	}

	private static Map<String, Object> details(StuckPartition stuck) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("topicPartition", stuck.topic() + "-" + stuck.partition());
		details.put("groupId", stuck.groupId());
		details.put("offset", stuck.offset());
		details.put("deadLetterTopic", stuck.deadLetterTopic());
		details.put("cause", stuck.cause());
		details.put("message", stuck.message());
		details.put("since", stuck.since().toString());
		details.put("failures", stuck.failures());
		details.put("backOff", stuck.backOff().toString());
		return details;
	}

}
