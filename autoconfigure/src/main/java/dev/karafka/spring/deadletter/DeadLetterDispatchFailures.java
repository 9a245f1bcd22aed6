package dev.karafka.spring.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The partitions whose failed record could not be sent to its dead-letter topic (record
 * too large, authorization, unknown topic, timeout): each stays paused and blocked at
 * that record, retried with a growing back-off, until the record is dead-lettered, is
 * processed after all, or the partition is revoked. One WARN line is logged per partition
 * and cause, not per retry.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class DeadLetterDispatchFailures {

	private static final Log logger = LogFactory.getLog(DeadLetterDispatchFailures.class);

	private final Map<Key, StuckPartition> stuck = new ConcurrentHashMap<>();

	private final Map<Key, Duration> pendingPauses = new ConcurrentHashMap<>();

	private final AtomicLong failures = new AtomicLong();

	private final Clock clock;

	/**
	 * Create a new instance with the system clock.
	 */
	public DeadLetterDispatchFailures() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a new instance.
	 * @param clock the clock of the failure times
	 */
	public DeadLetterDispatchFailures(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Return the partitions blocked by a failed dispatch, ordered by group, topic and
	 * partition.
	 * @return the stuck partitions
	 */
	public List<StuckPartition> stuckPartitions() {
		return this.stuck.values()
			.stream()
			.sorted(Comparator.comparing(StuckPartition::groupId)
				.thenComparing(StuckPartition::topic)
				.thenComparingInt(StuckPartition::partition))
			.toList();
	}

	/**
	 * Return whether a partition is blocked by a failed dispatch.
	 * @return whether there are stuck partitions
	 */
	public boolean hasStuckPartitions() {
		return !this.stuck.isEmpty();
	}

	/**
	 * Return the number of dispatches that failed since start-up, counting each retry.
	 * @return the failed dispatches
	 */
	public long failureCount() {
		return this.failures.get();
	}

	StuckPartition failed(String groupId, TopicPartition source, long offset, String logicalGroupId,
			String logicalTopic, String deadLetterTopic, int attempts, Throwable cause, Duration pauseTimeout,
			Duration pauseMaxTimeout) {
		this.failures.incrementAndGet();
		Key key = new Key(groupId, source);
		StuckPartition previous = this.stuck.get(key);
		boolean sameRecord = previous != null && previous.offset() == offset;
		int failures = sameRecord ? previous.failures() + 1 : 1;
		StuckPartition current = new StuckPartition(logicalGroupId, logicalTopic, source.partition(), offset,
				deadLetterTopic, cause.getClass().getSimpleName(), Objects.toString(cause.getMessage(), ""),
				sameRecord ? previous.since() : this.clock.instant(), failures, attempts,
				backOff(failures, pauseTimeout, pauseMaxTimeout));
		this.stuck.put(key, current);
		this.pendingPauses.put(key, current.backOff());
		if (!sameRecord || !previous.cause().equals(current.cause())) {
			logger.warn("Could not send " + current.describe() + " to dead-letter topic '" + deadLetterTopic + "' ("
					+ current.cause() + ": " + current.message() + "); the partition stays at that record, paused "
					+ "and retried with a back-off growing to " + pauseMaxTimeout.toMillis() + " ms");
		}
		return current;
	}

	void dispatched(String groupId, TopicPartition source, long offset) {
		StuckPartition cleared = clear(groupId, source, offset);
		if (cleared != null) {
			logger.info("Sent " + cleared.describe() + " to dead-letter topic '" + cleared.deadLetterTopic()
					+ "' after " + cleared.failures() + " failed dispatches; the partition moves on");
		}
	}

	void processed(String groupId, TopicPartition source, long offset) {
		clear(groupId, source, offset);
	}

	void revoked(String groupId, TopicPartition source) {
		Key key = new Key(groupId, source);
		this.stuck.remove(key);
		this.pendingPauses.remove(key);
	}

	@Nullable StuckPartition stuckAt(String groupId, TopicPartition source, long offset) {
		StuckPartition partition = this.stuck.get(new Key(groupId, source));
		return (partition != null && partition.offset() == offset) ? partition : null;
	}

	boolean isStuckAt(TopicPartition source, long offset) {
		return this.stuck.entrySet()
			.stream()
			.anyMatch((entry) -> entry.getKey().partition().equals(source) && entry.getValue().offset() == offset);
	}

	@Nullable Duration takePause(String groupId, TopicPartition source) {
		return this.pendingPauses.remove(new Key(groupId, source));
	}

	private @Nullable StuckPartition clear(String groupId, TopicPartition source, long offset) {
		Key key = new Key(groupId, source);
		StuckPartition partition = this.stuck.get(key);
		if (partition == null || partition.offset() > offset || !this.stuck.remove(key, partition)) {
			return null;
		}
		this.pendingPauses.remove(key);
		return partition;
	}

	static Duration backOff(int failures, Duration timeout, Duration maxTimeout) {
		long millis = timeout.toMillis() << Math.min(failures - 1, 30);
		return (millis <= 0 || millis > maxTimeout.toMillis()) ? maxTimeout : Duration.ofMillis(millis);
	}

	private record Key(String groupId, TopicPartition partition) {

	}

	/**
	 * A partition blocked at a record that could not be sent to its dead-letter topic.
	 *
	 * @param groupId the consumer group, as the application names it
	 * @param topic the topic, as the application names it
	 * @param partition the partition
	 * @param offset the offset of the record the partition is blocked at
	 * @param deadLetterTopic the dead-letter topic, as the application names it
	 * @param cause the simple class name of the last dispatch failure, for example
	 * {@code RecordTooLargeException}
	 * @param message the message of the last dispatch failure
	 * @param since when the first dispatch of the record failed
	 * @param failures the failed dispatches of the record
	 * @param attempts the times the listener failed the record
	 * @param backOff the pause before the next retry
	 */
	public record StuckPartition(String groupId, String topic, int partition, long offset, String deadLetterTopic,
			String cause, String message, Instant since, int failures, int attempts, Duration backOff) {

		String describe() {
			return "record " + this.topic + "-" + this.partition + "@" + this.offset + " of consumer group '"
					+ this.groupId + "'";
		}

	}

}
