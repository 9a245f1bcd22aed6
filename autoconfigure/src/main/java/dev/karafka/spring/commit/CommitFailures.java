package dev.karafka.spring.commit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts failed offset commits and logs each cause once: the first failure of a cause
 * (the exception's type) is logged with the offsets it concerned, later failures of that
 * cause are only counted until a commit succeeds again. Failing commits on a busy
 * consumer would otherwise log once per commit interval and per consumer thread.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class CommitFailures {

	private static final Log logger = LogFactory.getLog(CommitFailures.class);

	private final AtomicLong count = new AtomicLong();

	private final Set<Class<?>> loggedCauses = ConcurrentHashMap.newKeySet();

	/**
	 * Record a failed commit.
	 * @param exception why the commit failed
	 * @param offsets the offsets the commit tried to store
	 */
	public void failed(Exception exception, Map<TopicPartition, OffsetAndMetadata> offsets) {
		this.count.incrementAndGet();
		if (this.loggedCauses.add(exception.getClass())) {
			logger.warn("Offset commit of " + offsets + " failed: " + exception
					+ ". It is retried with the next commit, and synchronously when the partitions are revoked or "
					+ "the consumer stops. Further failures with this cause are only counted "
					+ "(karafka.commit.failures) until a commit succeeds again.");
		}
	}

	/**
	 * Record a successful commit.
	 */
	public void succeeded() {
		if (!this.loggedCauses.isEmpty()) {
			this.loggedCauses.clear();
			logger.info("Offset commits succeed again, after " + this.count.get() + " failures in all");
		}
	}

	/**
	 * Return how many commits failed since the application started.
	 * @return the number of failed commits
	 */
	public long count() {
		return this.count.get();
	}

}
