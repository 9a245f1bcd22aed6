package dev.karafka.spring.autoconfigure.supervision;

import java.time.Duration;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.health.KarafkaLivenessAutoConfiguration;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.liveness.KarafkaLivenessHealthIndicator;
import dev.karafka.spring.liveness.LivenessMetrics;
import dev.karafka.spring.supervision.ListenerSupervisor;
import dev.karafka.spring.supervision.SupervisedLivenessHealthIndicator;
import dev.karafka.spring.supervision.SupervisionPolicy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaSupervisionAutoConfiguration}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class KarafkaSupervisionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KarafkaLivenessAutoConfiguration.class,
				KarafkaSupervisionAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.listener.auto-startup=false");

	@Test
	void supervisionIsOffByDefaultAndLivenessIsUnchanged() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ListenerSupervisor.class)
				.hasSingleBean(KarafkaLivenessHealthIndicator.class)
				.doesNotHaveBean(SupervisedLivenessHealthIndicator.class);
			assertThat(context.getBean(KarafkaLivenessHealthIndicator.class).health().getDetails())
				.doesNotContainKey("supervisor");
		});
	}

	@Test
	void supervisedModeReplacesTheLivenessContributorWithKarafkaDefaults() {
		this.contextRunner.withPropertyValues("karafka.supervision.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ListenerSupervisor.class)
				.hasSingleBean(KarafkaLivenessHealthIndicator.class)
				.hasSingleBean(SupervisedLivenessHealthIndicator.class)
				.hasBean("karafkaHealthIndicator")
				.hasSingleBean(LivenessMetrics.class);
			SupervisionPolicy policy = context.getBean(ListenerSupervisor.class).getPolicy();
			assertThat(policy.interval()).hasSeconds(10);
			assertThat(policy.controllingTtl()).hasSeconds(60);
			assertThat(policy.consumingTtl()).hasMinutes(5);
			assertThat(policy.maxRestarts()).isEqualTo(3);
			assertThat(policy.restartWindow()).hasMinutes(10);
			assertThat(policy.maxLeakedThreads()).isEqualTo(1);
			assertThat(context.getBean(ListenerSupervisor.class).isRunning()).isTrue();
		});
	}

	@Test
	void settingsAreBound() {
		this.contextRunner
			.withPropertyValues("karafka.supervision.enabled=true", "karafka.supervision.interval=2s",
					"karafka.supervision.controlling-ttl=20s", "karafka.supervision.max-restarts=5",
					"karafka.supervision.restart-window=1h", "karafka.supervision.max-leaked-threads=0",
					"karafka.liveness.consuming-ttl=30s")
			.run((context) -> assertThat(context.getBean(ListenerSupervisor.class).getPolicy())
				.isEqualTo(new SupervisionPolicy(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(30),
						5, Duration.ofHours(1), 0)));
	}

	@Test
	void controllingTtlNotLongerThanTheIntervalFailsNamingIt() {
		this.contextRunner
			.withPropertyValues("karafka.supervision.enabled=true", "karafka.supervision.interval=10s",
					"karafka.supervision.controlling-ttl=10s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidSettingException.class)
					.hasMessageContaining("karafka.supervision.controlling-ttl")
					.hasMessageContaining("karafka.supervision.interval");
			});
	}

	@Test
	void negativeMaxRestartsFailsNamingIt() {
		this.contextRunner.withPropertyValues("karafka.supervision.enabled=true", "karafka.supervision.max-restarts=-1")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("karafka.supervision.max-restarts"));
	}

	@Test
	void maxPollIntervalIsTheConsumingTtlPlusOneInterval(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("karafka.supervision.enabled=true", "karafka.supervision.interval=5s",
					"karafka.liveness.consuming-ttl=30s")
			.run((context) -> assertThat(
					context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
				.containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 35_000));
		assertThat(output).doesNotContain("max.poll.interval.ms");
	}

	@Test
	void maxPollIntervalSetByTheApplicationIsReplacedWithAWarning(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("karafka.supervision.enabled=true",
					"spring.kafka.consumer.properties[max.poll.interval.ms]=900000")
			.run((context) -> assertThat(
					context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
				.containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 310_000));
		assertThat(output).contains("max.poll.interval.ms (900000) is replaced by 310000 in supervised mode");
	}

	@Test
	void maxPollIntervalIsLeftAloneWithoutSupervision() {
		this.contextRunner.run(
				(context) -> assertThat(context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
					.doesNotContainKey(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG));
	}

	@Test
	void supervisionNeedsLiveness() {
		this.contextRunner.withPropertyValues("karafka.supervision.enabled=true", "karafka.liveness.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ListenerSupervisor.class));
	}

}
