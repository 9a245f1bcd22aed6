package dev.karafka.spring.readiness;

import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.karafka.spring.MutableClock;
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

	@BeforeEach
	void addFilter() {
		KafkaRetryLogFilter filter = new KafkaRetryLogFilter(Duration.ofMinutes(10), this.clock);
		filter.start();
		this.context.addTurboFilter(filter);
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
			networkClient.info(RETRY, -1, "localhost/127.0.0.1:9092");
		}
		assertThat(this.appender.list).hasSize(9);
	}

}
