package dev.karafka.spring.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.deadletter.DeadLetterDispatchFailures.StuckPartition;

/**
 * {@link DiagnosticHints} of the partitions that a failed dead-letter dispatch keeps
 * blocked: one hint per partition, keyed
 * {@code dead_letter_dispatch.<group>.<topic>-<partition>} in the application's names,
 * saying which record is stuck, why, and what to change for the cause.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class DeadLetterHints implements DiagnosticHints {

	private final DeadLetterDispatchFailures failures;

	/**
	 * Create a new instance.
	 * @param failures the failed dead-letter dispatches
	 */
	public DeadLetterHints(DeadLetterDispatchFailures failures) {
		this.failures = failures;
	}

	@Override
	public Map<String, String> activeHints() {
		Map<String, String> hints = new LinkedHashMap<>();
		for (StuckPartition stuck : this.failures.stuckPartitions()) {
			hints.put("dead_letter_dispatch." + stuck.groupId() + "." + stuck.topic() + "-" + stuck.partition(),
					"Record " + stuck.topic() + "-" + stuck.partition() + "@" + stuck.offset()
							+ " cannot be sent to dead-letter topic '" + stuck.deadLetterTopic() + "' (" + stuck.cause()
							+ ", " + stuck.failures() + " tries since " + stuck.since()
							+ "); the partition waits at that record. " + fix(stuck));
		}
		return hints;
	}

	/**
	 * A too large record is sent again without its stack-trace header before the dispatch
	 * fails, so a failed dispatch means the record itself (key, value and its own
	 * headers) is too large: smaller diagnostic headers cannot help, a larger limit can.
	 */
	private static String recordTooLarge(StuckPartition stuck) {
		String topic = stuck.deadLetterTopic();
		String limit = stuck.message().contains("max.request.size")
				? "Raise the producer's 'max.request.size' (karafka.producer.kafka[max.request.size]) above the "
						+ "record's size, and 'max.message.bytes' of topic '" + topic + "' with it."
				: "Raise 'max.message.bytes' of topic '" + topic + "' above the record's size (and the "
						+ "producer's 'max.request.size' if the record is larger than it).";
		return "The record itself is too large for the topic, not its diagnostic headers: it was sent again "
				+ "without the stack-trace header and refused again (" + stuck.message() + "). " + limit
				+ " Lower karafka.dead-letter-queue.* limits do not help.";
	}

	private static String fix(StuckPartition stuck) {
		return switch (stuck.cause()) {
			case "RecordTooLargeException" -> recordTooLarge(stuck);
			case "TopicAuthorizationException" -> "Grant the application's principal Write on topic '"
					+ stuck.deadLetterTopic() + "' as the brokers name it (with the prefix, if any).";
			case "UnknownTopicOrPartitionException" ->
				"Create topic '" + stuck.deadLetterTopic() + "', or allow auto-creation of topics.";
			case "TimeoutException" -> "Check that the brokers leading topic '" + stuck.deadLetterTopic()
					+ "' are reachable and not overloaded.";
			default -> "See the WARN line of this partition in the log for the cause.";
		};
	}

}
