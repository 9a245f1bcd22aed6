package dev.karafka.spring.readiness;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;

/**
 * Callback interface for observing the log events of the Kafka clients and of
 * spring-kafka that a {@link KafkaRetryLogFilter} sees: every event at INFO or above of a
 * logger under {@code org.apache.kafka.} or {@code org.springframework.kafka.}, including
 * the repeats that the filter keeps out of the log. Called on the logging thread, so
 * implementations must be quick and must not log at these loggers.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@FunctionalInterface
public interface KafkaLogObserver {

	/**
	 * Observe a log event.
	 * @param loggerName the name of the logger
	 * @param level the level of the event
	 * @param message the message, with its arguments
	 * @param throwable the throwable of the event, or {@code null}
	 */
	void observe(String loggerName, Level level, String message, @Nullable Throwable throwable);

}
