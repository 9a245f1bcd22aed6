package dev.karafka.spring.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.diagnostics.KarafkaDiagnosticsAutoConfiguration;
import dev.karafka.spring.connection.InvalidSettingException;
import ch.qos.logback.classic.LoggerContext;
import dev.karafka.spring.readiness.KafkaClusterHealthIndicator;
import dev.karafka.spring.readiness.KafkaRetryLogFilter;
import dev.karafka.spring.readiness.ListenerAuthRetryTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthEvent.Reason;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link KarafkaReadinessAutoConfiguration}.
 *
 * @author karafka-spring
 */
class KarafkaReadinessAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				SslAutoConfiguration.class, KarafkaReadinessAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class));

	@ParameterizedTest
	@CsvSource({ "timeout=0s, true", "timeout=-1s, false", "cache-time-to-live=-1s, true",
			"cache-time-to-live=-5s, false" })
	void readinessDurationOutOfRangeFailsStartupNamingIt(String setting, boolean readinessEnabled) {
		this.contextRunner.withConfiguration(AutoConfigurations.of(KarafkaDiagnosticsAutoConfiguration.class))
			.withPropertyValues("karafka.readiness." + setting, "karafka.readiness.enabled=" + readinessEnabled)
			.run((context) -> {
				assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class);
				InvalidSettingException failure = (InvalidSettingException) NestedExceptionUtils
					.getMostSpecificCause(context.getStartupFailure());
				assertThat(failure.getSetting())
					.isEqualTo("karafka.readiness." + setting.substring(0, setting.indexOf('=')));
			});
	}

	@Test
	void zeroCacheTimeToLiveIsAccepted() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(KarafkaDiagnosticsAutoConfiguration.class))
			.withPropertyValues("karafka.readiness.cache-time-to-live=0s")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(KafkaClusterHealthIndicator.class));
	}

	@Test
	void consumersReconnectWithABackOffOfUpToTenSeconds() {
		this.contextRunner.run(
				(context) -> assertThat(context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
					.containsEntry("reconnect.backoff.max.ms", 10000));
	}

	@Test
	void applicationsReconnectBackOffWins() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.properties[reconnect.backoff.max.ms]=2000")
			.run((context) -> assertThat(
					context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
				.containsEntry("reconnect.backoff.max.ms", "2000"));
	}

	@Test
	void kafkaRetryLogFilterIsAddedToLogbackWhileTheContextRuns() {
		LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();
		this.contextRunner.run((context) -> {
			KafkaRetryLogFilter filter = context.getBean(KafkaRetryLogFilter.class);
			assertThat(loggerContext.getTurboFilterList()).contains(filter);
			context.close();
			assertThat(loggerContext.getTurboFilterList()).doesNotContain(filter);
		});
	}

	@Test
	void withoutLogbackThereIsNoKafkaRetryLogFilter() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("ch.qos.logback"))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaRetryLogFilter.class));
	}

	@Test
	void kafkaHealthContributorIsAddedByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KafkaClusterHealthIndicator.class)
				.hasBean("kafkaHealthIndicator")
				.hasSingleBean(ListenerAuthRetryTracker.class);
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("kafka"))
				.isSameAs(context.getBean(KafkaClusterHealthIndicator.class));
		});
	}

	@Test
	void backsOffWhenReadinessIsDisabled() {
		this.contextRunner.withPropertyValues("karafka.readiness.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClusterHealthIndicator.class)
				.doesNotHaveBean(ListenerAuthRetryTracker.class));
	}

	@Test
	void backsOffWhenKarafkaIsDisabled() {
		this.contextRunner.withPropertyValues("karafka.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClusterHealthIndicator.class)
				.doesNotHaveBean(ListenerAuthRetryTracker.class));
	}

	@Test
	void backsOffWhenKafkaHealthIndicatorIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.kafka.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClusterHealthIndicator.class)
				.doesNotHaveBean(ListenerAuthRetryTracker.class));
	}

	@Test
	void backsOffWithoutKafkaAdmin() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KarafkaReadinessAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClusterHealthIndicator.class));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClusterHealthIndicator.class));
	}

	@Test
	void userKafkaHealthIndicatorWins() {
		HealthIndicator userIndicator = () -> Health.up().build();
		this.contextRunner.withBean("kafkaHealthIndicator", HealthIndicator.class, () -> userIndicator)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KafkaClusterHealthIndicator.class);
				assertThat(context.getBean("kafkaHealthIndicator")).isSameAs(userIndicator);
			});
	}

	@Test
	void userListenerAuthRetryTrackerIsUsed() {
		ListenerAuthRetryTracker userTracker = new ListenerAuthRetryTracker();
		this.contextRunner.withBean(ListenerAuthRetryTracker.class, () -> userTracker)
			.run((context) -> assertThat(context).hasSingleBean(KafkaClusterHealthIndicator.class)
				.getBean(ListenerAuthRetryTracker.class)
				.isSameAs(userTracker));
	}

	@Test
	void listenerAuthRetryEventsOfTheContextAreTracked() {
		this.contextRunner.run((context) -> {
			ConcurrentMessageListenerContainer<?, ?> container = new ConcurrentMessageListenerContainer<>(
					new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("orders"));
			container.setBeanName("orders");
			context.publishEvent(new ConsumerRetryAuthEvent(container, container, Reason.AUTHENTICATION));
			assertThat(context.getBean(ListenerAuthRetryTracker.class).getRetryingListeners()).containsEntry("orders",
					Reason.AUTHENTICATION);
		});
	}

	@Test
	void firstCheckRunsInTheBackgroundFromStartUpAndIsBoundedByTheReadinessTimeout() throws IOException {
		this.contextRunner
			.withPropertyValues("karafka.bootstrap-servers=localhost:" + freePort(), "karafka.readiness.timeout=3s")
			.run((context) -> {
				KafkaClusterHealthIndicator indicator = context.getBean(KafkaClusterHealthIndicator.class);
				Health checking = indicator.health();
				assertThat(checking.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
				assertThat(checking.getDetails()).containsEntry("check", "running");
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					Health health = indicator.health();
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).containsEntry("cause", "unreachable");
				});
			});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
