package dev.karafka.spring.readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.karafka.spring.MutableClock;
import org.apache.kafka.common.errors.DisconnectException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaRetryLogFilter} in a Logback logger context of its own.
 *
 * @author karafka-spring
 */
class KafkaRetryLogFilterTests {

	private static final String RETRY = "[Consumer clientId=consumer-1, groupId=orders] Connection to node {} ({}) "
			+ "could not be established. Node may not be available.";

	private final MutableClock clock = new MutableClock();

	private final LoggerContext context = new LoggerContext();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final KafkaRetryLogFilter filter = new KafkaRetryLogFilter(Duration.ofMinutes(10), this.clock);

	@BeforeEach
	void addFilter() {
		this.filter.start();
		this.context.addTurboFilter(this.filter);
		this.appender.start();
		this.context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
	}

	@Test
	void retryMessageOfAKafkaClientIsLoggedOncePerQuietPeriod() {
		Logger networkClient = this.context.getLogger("org.apache.kafka.clients.NetworkClient");
		for (int i = 0; i < 1000; i++) {
			networkClient.warn(RETRY, -1, "localhost/127.0.0.1:9092");
		}
		assertThat(this.appender.list).hasSize(1);
		this.clock.advance(Duration.ofMinutes(10));
		networkClient.warn(RETRY, -1, "localhost/127.0.0.1:9092");
		networkClient.warn(RETRY, -1, "localhost/127.0.0.1:9092");
		assertThat(this.appender.list).hasSize(2);
	}

	@Test
	void observersSeeEveryKafkaEventAtInfoOrAboveWithItsArgumentsIncludingFilteredRepeats() {
		List<String> observed = new ArrayList<>();
		KafkaLogObserver observer = (loggerName, level, message, throwable) -> observed
			.add(level + " " + loggerName + " " + message + " " + throwable);
		this.filter.addObserver(observer);
		Logger networkClient = this.context.getLogger("org.apache.kafka.clients.NetworkClient");
		networkClient.setLevel(Level.WARN);
		IllegalStateException failure = new IllegalStateException("denied");
		networkClient.warn(RETRY, -1, "localhost/127.0.0.1:9092");
		networkClient.warn(RETRY, -1, "localhost/127.0.0.1:9092");
		networkClient.info("Node -1 disconnected.");
		networkClient.debug("Sending metadata request");
		this.context.getLogger("org.springframework.kafka.core.KafkaAdmin")
			.error("Could not configure topics", failure);
		this.context.getLogger("com.example.Orders").warn("Not a Kafka logger");
		this.filter.removeObserver(observer);
		networkClient.warn("After removal");
		String retry = "WARN org.apache.kafka.clients.NetworkClient [Consumer clientId=consumer-1, groupId=orders] "
				+ "Connection to node -1 (localhost/127.0.0.1:9092) could not be established. Node may not be "
				+ "available. null";
		assertThat(observed).containsExactly(retry, retry,
				"INFO org.apache.kafka.clients.NetworkClient Node -1 " + "disconnected. null",
				"ERROR org.springframework.kafka.core.KafkaAdmin Could not configure topics " + failure);
		assertThat(this.appender.list).filteredOn((event) -> event.getFormattedMessage().contains("could not be"))
			.hasSize(1);
	}

	@Test
	void missingTopicOfMetadataResponsesIsLoggedOncePerQuietPeriod() {
		Logger networkClient = this.context.getLogger("org.apache.kafka.clients.NetworkClient");
		for (int i = 0; i < 60; i++) {
			// The Kafka clients format their messages before they log them
			networkClient.warn("[Consumer clientId=consumer-orders-1, groupId=orders] The metadata response from the "
					+ "cluster reported a recoverable issue with correlation id " + i
					+ " : {orders=UNKNOWN_TOPIC_OR_PARTITION}");
		}
		assertThat(this.appender.list).hasSize(1);
	}

	@Test
	void retryMessagesAtInfoAreLoggedOncePerQuietPeriodToo() {
		Logger metadata = this.context.getLogger("org.apache.kafka.clients.Metadata");
		for (int i = 0; i < 100; i++) {
			metadata.info("[Consumer clientId=consumer-1, groupId=orders] Rebootstrapping with {}",
					"[localhost/127.0.0.1:9092]");
		}
		assertThat(this.appender.list).hasSize(1);
	}

	@Test
	void fetchRequestsToABrokerThatWentAwayAreLoggedOncePerQuietPeriod() {
		Logger fetchSessions = this.context.getLogger("org.apache.kafka.clients.FetchSessionHandler");
		DisconnectException disconnected = new DisconnectException();
		for (int i = 0; i < 100; i++) {
			fetchSessions.info("[Consumer clientId=consumer-orders-1, groupId=orders] Error sending fetch request {} "
					+ "to node {}:", "(sessionId=611127325, epoch=" + i + ")", 1, disconnected);
		}
		assertThat(this.appender.list).hasSize(1);
	}

	@Test
	void tlsClientDiallingAPlaintextListenerIsLoggedOncePerQuietPeriod() {
		Logger networkClient = this.context.getLogger("org.apache.kafka.clients.NetworkClient");
		for (int i = 0; i < 20; i++) {
			networkClient.warn(
					"[Consumer clientId=consumer-1, groupId=orders] Connection to node {} ({}) terminated "
							+ "during authentication. This may happen due to any of the following reasons: ...",
					-1, "/127.0.0.1:9092");
		}
		assertThat(this.appender.list).hasSize(1);
	}

	@Test
	void authenticationRetriesOfListenerContainersAreLoggedOncePerQuietPeriod() {
		Logger container = this.context.getLogger("org.springframework.kafka.listener.KafkaMessageListenerContainer");
		for (int i = 0; i < 10; i++) {
			container.error("Authentication/Authorization Exception, retrying in 10000 ms",
					new IllegalStateException());
		}
		assertThat(this.appender.list).hasSize(1);
	}

	@Test
	void otherMessagesAndLoggersAreNeverFiltered() {
		Logger networkClient = this.context.getLogger("org.apache.kafka.clients.NetworkClient");
		Logger application = this.context.getLogger("com.example.Orders");
		for (int i = 0; i < 3; i++) {
			networkClient.warn("Offset commit failed on partition {}", i);
			application.warn(RETRY, -1, "localhost/127.0.0.1:9092");
			networkClient.info("Resetting the last seen epoch of partition orders-{}", i);
		}
		assertThat(this.appender.list).hasSize(9);
	}

}
