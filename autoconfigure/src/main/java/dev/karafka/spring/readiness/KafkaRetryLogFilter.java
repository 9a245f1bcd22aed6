package dev.karafka.spring.readiness;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * A Logback filter that lets each retry-loop message of the Kafka clients and of
 * spring-kafka's listener containers through once per client and quiet period: the
 * connection, authentication and metadata failures they log, at INFO (re-bootstrapping,
 * disconnections, fetch requests to a broker that went away) or above, on every attempt
 * while the brokers are unreachable or refuse the credentials (thousands of lines a
 * minute), a topic missing or denied in metadata responses (once a second), and the
 * containers' authentication retries. The cause is reported once by readiness; other
 * messages are never filtered. {@link KafkaLogObserver Observers} see every event at INFO
 * or above of the Kafka clients and of spring-kafka, repeats included.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KafkaRetryLogFilter extends TurboFilter {

	private static final List<String> LOGGERS = List.of("org.apache.kafka.clients.",
			"org.springframework.kafka.listener.KafkaMessageListenerContainer");

	private static final List<String> RETRY_MESSAGES = List.of("could not be established", "disconnected",
			"failed authentication", "terminated during authentication", "Fatal error during metadata update",
			"Metadata update failed", "Rebootstrapping with", "Authentication/Authorization Exception, retrying",
			"Topic authorization failed", "Not authorized to access", "reported a recoverable issue",
			"Error sending fetch request");

	/**
	 * The request number in a message the Kafka clients format before logging it, which
	 * changes on every retry.
	 */
	private static final Pattern CORRELATION_ID = Pattern.compile(" with correlation id \\d+");

	private static final List<String> OBSERVED_LOGGERS = List.of("org.apache.kafka.", "org.springframework.kafka.");

	private static final int MAX_MESSAGES = 1000;

	private final List<KafkaLogObserver> observers = new CopyOnWriteArrayList<>();

	private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

	private final Duration quietPeriod;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param quietPeriod how long a retry message is not logged again after it was
	 * @param clock the clock of the quiet periods
	 */
	public KafkaRetryLogFilter(Duration quietPeriod, Clock clock) {
		this.quietPeriod = quietPeriod;
		this.clock = clock;
	}

	@Override
	public FilterReply decide(@Nullable Marker marker, Logger logger, Level level, @Nullable String format,
			Object @Nullable [] params, @Nullable Throwable throwable) {
		if (format == null || !level.isGreaterOrEqual(Level.INFO)) {
			return FilterReply.NEUTRAL;
		}
		if (!this.observers.isEmpty() && startsWithAny(logger.getName(), OBSERVED_LOGGERS)) {
			notifyObservers(logger.getName(), level, format, params, throwable);
		}
		if (!startsWithAny(logger.getName(), LOGGERS) || !isRetryMessage(format)) {
			return FilterReply.NEUTRAL;
		}
		long now = this.clock.millis();
		String key = logger.getName() + '\n' + CORRELATION_ID.matcher(format).replaceAll("");
		Long last = this.lastLogged.get(key);
		if (last != null && now - last < this.quietPeriod.toMillis()) {
			return FilterReply.DENY;
		}
		if (this.lastLogged.size() < MAX_MESSAGES || last != null) {
			this.lastLogged.put(key, now);
		}
		return FilterReply.NEUTRAL;
	}

	/**
	 * Add an observer of the log events of the Kafka clients and of spring-kafka.
	 * @param observer the observer
	 */
	public void addObserver(KafkaLogObserver observer) {
		this.observers.add(observer);
	}

	/**
	 * Remove an observer added with {@link #addObserver(KafkaLogObserver)}.
	 * @param observer the observer
	 */
	public void removeObserver(KafkaLogObserver observer) {
		this.observers.remove(observer);
	}

	private void notifyObservers(String loggerName, Level level, String format, Object @Nullable [] params,
			@Nullable Throwable throwable) {
		String message = (params != null) ? MessageFormatter.arrayFormat(format, params).getMessage() : format;
		for (KafkaLogObserver observer : this.observers) {
			observer.observe(loggerName, level, message, throwable);
		}
	}

	private static boolean startsWithAny(String name, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRetryMessage(String format) {
		for (String message : RETRY_MESSAGES) {
			if (format.contains(message)) {
				return true;
			}
		}
		return false;
	}

}
