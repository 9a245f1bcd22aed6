package dev.karafka.spring.liveness;

import java.time.Duration;
import java.util.Collection;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Stamps the consumer thread's state around rebalances, then calls the application's own
 * rebalance listener: a revocation counts as a consumption (as Karafka's
 * {@code revoked}), and the group membership rebalances from a revocation, or from the
 * consumer's start, until the next assignment (possibly of no partition). Without an
 * application listener, assignments, revocations and losses are logged at INFO, as
 * spring-kafka's default listener does. An assignment that ends a rebalance of
 * {@link #LONG_REBALANCE} or more is logged at INFO in any case, with its usual cause: a
 * rebalance waits for every member to rejoin, and members that stopped without leaving
 * the group (a killed process) hold it until their {@code session.timeout.ms} passes.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class LivenessRebalanceListener implements ConsumerAwareRebalanceListener {

	/**
	 * The length from which a rebalance is logged when it ends: a rebalance of a healthy
	 * group takes a few seconds (the broker's {@code group.initial.rebalance.delay.ms} is
	 * 3 s for a new group).
	 */
	public static final Duration LONG_REBALANCE = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(LivenessRebalanceListener.class);

	private final ConsumerThreads threads;

	private final @Nullable ConsumerRebalanceListener delegate;

	/**
	 * Create a new instance.
	 * @param threads the consumer threads to stamp
	 * @param delegate the application's rebalance listener, if any
	 */
	public LivenessRebalanceListener(ConsumerThreads threads, @Nullable ConsumerRebalanceListener delegate) {
		this.threads = threads;
		this.delegate = delegate;
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		ConsumerThreadState state = this.threads.current();
		if (state != null) {
			state.revocationStarting(this.threads.getClock().millis());
		}
		if (this.delegate instanceof ConsumerAwareRebalanceListener consumerAware) {
			consumerAware.onPartitionsRevokedBeforeCommit(consumer, partitions);
		}
		else if (this.delegate != null) {
			this.delegate.onPartitionsRevoked(partitions);
		}
		else {
			log(consumer, "revoked", partitions);
		}
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (this.delegate instanceof ConsumerAwareRebalanceListener consumerAware) {
			consumerAware.onPartitionsRevokedAfterCommit(consumer, partitions);
		}
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (this.delegate instanceof ConsumerAwareRebalanceListener consumerAware) {
			consumerAware.onPartitionsLost(consumer, partitions);
		}
		else if (this.delegate != null) {
			this.delegate.onPartitionsLost(partitions);
		}
		else {
			log(consumer, "lost", partitions);
		}
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		ConsumerThreadState state = this.threads.current();
		if (state != null) {
			Duration rebalance = state.currentRebalance(this.threads.getClock().millis());
			state.assigned();
			if (rebalance.compareTo(LONG_REBALANCE) >= 0 && logger.isInfoEnabled()) {
				logger.info(groupOf(consumer) + "the rebalance that ends with this assignment took "
						+ rebalance.toSeconds() + " s: a rebalance waits for every member of the group to rejoin, and "
						+ "members that stopped without leaving it (a killed process) hold it until their "
						+ "session.timeout.ms (45 s by default) has passed");
			}
		}
		if (this.delegate instanceof ConsumerAwareRebalanceListener consumerAware) {
			consumerAware.onPartitionsAssigned(consumer, partitions);
		}
		else if (this.delegate != null) {
			this.delegate.onPartitionsAssigned(partitions);
		}
		else {
			log(consumer, "assigned", partitions);
		}
	}

	private static void log(@Nullable Consumer<?, ?> consumer, String event, Collection<TopicPartition> partitions) {
		if (logger.isInfoEnabled()) {
			logger.info(groupOf(consumer) + "partitions " + event + ": " + partitions);
		}
	}

	private static String groupOf(@Nullable Consumer<?, ?> consumer) {
		return (consumer != null) ? consumer.groupMetadata().groupId() + ": " : "";
	}

}
