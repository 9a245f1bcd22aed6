package dev.karafka.spring.commit;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.adapter.AsyncRepliesAware;

/**
 * Karafka's offset-commit model for a listener container: offsets of processed records
 * are committed in the background every commit interval, and synchronously when
 * partitions are revoked and when the consumer stops.
 * <p>
 * Karafka marks each batch as consumed once it is processed and librdkafka commits the
 * marked offsets every {@code auto.commit.interval.ms}; it commits synchronously only on
 * revocation and shutdown. Here the container acknowledges each processed record
 * (spring-kafka's {@link AckMode#TIME}) and commits the acknowledged offsets with
 * {@code commitAsync} once the interval has elapsed. spring-kafka also commits pending
 * acknowledgments when partitions are revoked and when the container stops (then
 * asynchronously as well, since {@code syncCommits} is off); as the container's
 * {@link ConsumerAwareRebalanceListener}, this class then waits for those commits and
 * commits again, synchronously, any offset whose asynchronous commit failed, before the
 * partitions can go to another member. An application's own rebalance listener is called
 * as before.
 * <p>
 * A failed asynchronous commit is counted and logged by {@link CommitFailures}; its
 * offsets are committed again after the next commit that succeeds (unless a later commit
 * of the same partition supersedes them), and synchronously on revocation.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ProcessedOffsetCommits implements ConsumerAwareRebalanceListener, OffsetCommitCallback {

	/**
	 * Commit interval when {@code auto.commit.interval.ms} is not set: one second, so
	 * that a crash re-delivers about one second of records (librdkafka's default is five
	 * seconds).
	 */
	public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(ProcessedOffsetCommits.class);

	private final @Nullable ConsumerRebalanceListener delegate;

	private final Duration interval;

	private final CommitFailures failures;

	private final boolean pollTimeoutChosen;

	private final ThreadLocal<ConsumerCommits> consumerCommits = ThreadLocal.withInitial(ConsumerCommits::new);

	/**
	 * Create a new instance.
	 * @param delegate the rebalance listener the container had, or {@code null}
	 * @param interval the commit interval
	 * @param failures where failed commits are counted and logged
	 * @param pollTimeoutChosen whether the application chose the containers' poll timeout
	 * ({@code spring.kafka.listener.poll-timeout}, {@code karafka.max-wait-time}); when
	 * it did not, the model polls at least once per commit interval
	 */
	public ProcessedOffsetCommits(@Nullable ConsumerRebalanceListener delegate, Duration interval,
			CommitFailures failures, boolean pollTimeoutChosen) {
		this.delegate = delegate;
		this.interval = interval;
		this.failures = failures;
		this.pollTimeoutChosen = pollTimeoutChosen;
	}

	/**
	 * Return the commit interval to use for the given consumer settings: their
	 * {@code auto.commit.interval.ms}, else {@link #DEFAULT_INTERVAL}.
	 * @param consumerConfig the consumer settings
	 * @return the commit interval
	 */
	public static Duration interval(Map<?, ?> consumerConfig) {
		Object interval = consumerConfig.get(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
		return (interval != null) ? Duration.ofMillis(Long.parseLong(interval.toString().trim())) : DEFAULT_INTERVAL;
	}

	/**
	 * Apply the model to a container's properties when nothing there asks for another
	 * one: this object is still its rebalance listener, the ack mode is still
	 * spring-kafka's default ({@code BATCH}) with synchronous commits, the container is
	 * not transactional, its listener does not acknowledge asynchronously, it has no
	 * commit callback of its own, and its consumer properties do not turn on
	 * {@code enable.auto.commit}. The commit interval is the container's own
	 * {@code auto.commit.interval.ms} if its consumer properties set one. spring-kafka
	 * commits between polls, so a poll that waits for records longer than the interval
	 * would leave the last records before a pause uncommitted for up to spring-kafka's
	 * 5-second poll timeout: unless the application chose the poll timeout (a container
	 * whose poll timeout is not spring-kafka's default counts as chosen), it is lowered
	 * to the commit interval, as Karafka's {@code max_wait_time} is one second.
	 * @param properties the container's properties
	 * @return whether the model was applied
	 */
	public boolean applyTo(ContainerProperties properties) {
		if (!appliesTo(properties)) {
			return false;
		}
		Duration interval = interval(properties.getKafkaConsumerProperties(), this.interval);
		properties.setAckMode(AckMode.TIME);
		properties.setAckTime(interval.toMillis());
		if (!this.pollTimeoutChosen && properties.getPollTimeout() == ContainerProperties.DEFAULT_POLL_TIMEOUT) {
			properties.setPollTimeout(Math.min(ContainerProperties.DEFAULT_POLL_TIMEOUT, interval.toMillis()));
		}
		properties.setSyncCommits(false);
		properties.setCommitCallback(this);
		return true;
	}

	@SuppressWarnings("removal")
	private boolean appliesTo(ContainerProperties properties) {
		String autoCommit = properties.getKafkaConsumerProperties()
			.getProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
		return properties.getConsumerRebalanceListener() == this && properties.getAckMode() == AckMode.BATCH
				&& properties.isSyncCommits() && properties.getCommitCallback() == null
				&& properties.getTransactionManager() == null && properties.getKafkaAwareTransactionManager() == null
				&& !properties.isAsyncAcks() && !isAsyncReplies(properties.getMessageListener())
				&& !Boolean.parseBoolean(autoCommit);
	}

	private static boolean isAsyncReplies(@Nullable Object listener) {
		return listener instanceof AsyncRepliesAware aware && aware.isAsyncReplies();
	}

	private static Duration interval(Properties overrides, Duration interval) {
		String override = overrides.getProperty(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
		return (override != null) ? Duration.ofMillis(Long.parseLong(override.trim())) : interval;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.consumerCommits.get().consumer = consumer;
		if (this.delegate instanceof ConsumerAwareRebalanceListener consumerAware) {
			consumerAware.onPartitionsAssigned(consumer, partitions);
		}
		else if (this.delegate != null) {
			this.delegate.onPartitionsAssigned(partitions);
		}
		else {
			logger.info(consumer.groupMetadata().groupId() + ": partitions assigned: " + partitions);
		}
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (this.delegate instanceof ConsumerAwareRebalanceListener consumerAware) {
			consumerAware.onPartitionsRevokedBeforeCommit(consumer, partitions);
		}
		else if (this.delegate != null) {
			this.delegate.onPartitionsRevoked(partitions);
		}
		else {
			logger.info(consumer.groupMetadata().groupId() + ": partitions revoked: " + partitions);
		}
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		commitSynchronously(consumer, partitions);
		if (this.delegate instanceof ConsumerAwareRebalanceListener consumerAware) {
			consumerAware.onPartitionsRevokedAfterCommit(consumer, partitions);
		}
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.consumerCommits.get().failed.keySet().removeAll(partitions);
		if (this.delegate instanceof ConsumerAwareRebalanceListener consumerAware) {
			consumerAware.onPartitionsLost(consumer, partitions);
		}
		else if (this.delegate != null) {
			this.delegate.onPartitionsLost(partitions);
		}
		else {
			logger.info(consumer.groupMetadata().groupId() + ": partitions lost: " + partitions);
		}
	}

	@Override
	public void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable Exception exception) {
		ConsumerCommits commits = this.consumerCommits.get();
		if (exception != null) {
			offsets
				.forEach((partition, offset) -> commits.failed.merge(partition, offset, ProcessedOffsetCommits::later));
			this.failures.failed(exception, offsets);
			return;
		}
		if (!commits.failed.isEmpty()) {
			offsets.forEach((partition, offset) -> commits.failed.computeIfPresent(partition,
					(key, failed) -> (offset.offset() >= failed.offset()) ? null : failed));
			retry(commits);
		}
		this.failures.succeeded();
	}

	private void retry(ConsumerCommits commits) {
		Consumer<?, ?> consumer = commits.consumer;
		if (commits.failed.isEmpty() || commits.retrying || consumer == null) {
			return;
		}
		commits.retrying = true;
		consumer.commitAsync(new HashMap<>(commits.failed), (offsets, exception) -> {
			commits.retrying = false;
			onComplete(offsets, exception);
		});
	}

	private void commitSynchronously(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		ConsumerCommits commits = this.consumerCommits.get();
		try {
			consumer.commitSync(Map.of());
			Map<TopicPartition, OffsetAndMetadata> failed = new HashMap<>();
			partitions.forEach((partition) -> {
				OffsetAndMetadata offset = commits.failed.remove(partition);
				if (offset != null) {
					failed.put(partition, offset);
				}
			});
			if (!failed.isEmpty()) {
				consumer.commitSync(failed);
				this.failures.succeeded();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Offsets of revoked partitions " + partitions + " could not be committed: their last "
					+ "records since the previous commit will be delivered again", ex);
		}
	}

	private static OffsetAndMetadata later(OffsetAndMetadata first, OffsetAndMetadata second) {
		return (second.offset() >= first.offset()) ? second : first;
	}

	/**
	 * Commit state of one consumer thread: the consumer, and the offsets whose commit
	 * failed and has not been superseded.
	 */
	private static final class ConsumerCommits {

		private final Map<TopicPartition, OffsetAndMetadata> failed = new HashMap<>();

		private @Nullable Consumer<?, ?> consumer;

		private boolean retrying;

	}

}
