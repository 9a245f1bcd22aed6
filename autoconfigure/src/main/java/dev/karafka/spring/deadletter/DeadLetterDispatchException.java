package dev.karafka.spring.deadletter;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures.StuckPartition;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.KafkaBackoffException;

/**
 * Thrown when a failed record could not be sent to its dead-letter topic: a back-off
 * exception for spring-kafka, so that the record is sought again without an error log per
 * retry, its partition being paused until the back-off has passed.
 *
 * @author karafka-spring
 */
class DeadLetterDispatchException extends KafkaBackoffException {

	private static final long serialVersionUID = 1L;

	private final Throwable failure;

	DeadLetterDispatchException(StuckPartition stuck, TopicPartition source, String groupId, Throwable failure) {
		super("Could not send " + stuck.describe() + " to dead-letter topic '" + stuck.deadLetterTopic() + "'", source,
				groupId, System.currentTimeMillis() + stuck.backOff().toMillis());
		this.failure = failure;
	}

	@Override
	public synchronized Throwable getCause() {
		return this.failure;
	}

}
