package dev.karafka.spring.autoconfigure.health;

import java.time.Duration;
import java.util.Collection;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.liveness.KarafkaLivenessHealthIndicator;
import dev.karafka.spring.liveness.LivenessInterceptor;
import dev.karafka.spring.liveness.LivenessMetrics;
import dev.karafka.spring.liveness.LivenessRebalanceListener;
import dev.karafka.spring.liveness.UntrackedContainers;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaLivenessAutoConfiguration} and the listener container factory
 * settings of {@link KarafkaAutoConfiguration}.
 *
 * @author karafka-spring
 */
class KarafkaLivenessAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KarafkaLivenessAutoConfiguration.class,
				KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.listener.auto-startup=false");

	@Test
	void livenessIsOnByDefaultWithKarafkaDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ConsumerThreads.class)
				.hasSingleBean(KarafkaLivenessHealthIndicator.class)
				.hasSingleBean(LivenessMetrics.class)
				.hasBean("karafkaHealthIndicator")
				.doesNotHaveBean(RecordInterceptor.class);
			assertThat(context.getBean(KarafkaLivenessHealthIndicator.class).health().getDetails())
				.containsEntry("pollingTtl", "PT5M")
				.containsEntry("consumingTtl", "PT5M")
				.containsEntry("consumerThreads", 0);
			assertThat(context.getBean(KarafkaLivenessHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void ttlsAreBound() {
		this.contextRunner.withPropertyValues("karafka.liveness.polling-ttl=30s", "karafka.liveness.consuming-ttl=1m")
			.run((context) -> assertThat(context.getBean(KarafkaLivenessHealthIndicator.class).health().getDetails())
				.containsEntry("pollingTtl", Duration.ofSeconds(30).toString())
				.containsEntry("consumingTtl", Duration.ofMinutes(1).toString()));
	}

	@Test
	void stabilityTtlIsBound() {
		this.contextRunner.withPropertyValues("karafka.liveness.stability-ttl=2m")
			.run((context) -> assertThat(context.getBean(KarafkaLivenessHealthIndicator.class).health().getDetails())
				.containsEntry("stabilityTtl", Duration.ofMinutes(2).toString()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling-ttl=0s", "consuming-ttl=-1s", "stability-ttl=-1500ms" })
	void ttlThatIsNotPositiveFailsStartupNamingIt(String setting) {
		this.contextRunner.withPropertyValues("karafka.liveness." + setting).run((context) -> {
			assertThat(context).getFailure().rootCause().isInstanceOf(InvalidSettingException.class);
			InvalidSettingException failure = (InvalidSettingException) NestedExceptionUtils
				.getMostSpecificCause(context.getStartupFailure());
			assertThat(failure.getSetting())
				.isEqualTo("karafka.liveness." + setting.substring(0, setting.indexOf('=')));
			assertThat(failure.getProblem())
				.isEqualTo("it must be a positive duration, not " + setting.substring(setting.indexOf('=') + 1));
		});
	}

	@Test
	void listenerContainersGetTheLivenessRebalanceListenerAroundTheApplicationsOwn() {
		ConsumerRebalanceListener own = new ConsumerRebalanceListener() {

			@Override
			public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			}

			@Override
			public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			}

		};
		this.contextRunner.withUserConfiguration(OwnFactoryConfiguration.class)
			.withBean(ConsumerRebalanceListener.class, () -> own)
			.run((context) -> {
				ConcurrentKafkaListenerContainerFactory<?, ?> factory = context.getBean("ownFactory",
						ConcurrentKafkaListenerContainerFactory.class);
				assertThat(factory.getContainerProperties().getConsumerRebalanceListener())
					.isInstanceOf(LivenessRebalanceListener.class)
					.hasFieldOrPropertyWithValue("delegate", own);
			});
	}

	@Test
	void containersOfTheFactoryAreTrackedAndHandBuiltOnesAreNot() {
		this.contextRunner.withUserConfiguration(OwnFactoryConfiguration.class)
			.withBean(RecordInterceptor.class, UserRecordInterceptor::new)
			.run((context) -> {
				ConsumerThreads threads = context.getBean(ConsumerThreads.class);
				ConcurrentKafkaListenerContainerFactory<Object, Object> factory = context.getBean("ownFactory",
						ConcurrentKafkaListenerContainerFactory.class);
				assertThat(threads.isTracked(factory.createContainer("topic"))).isTrue();
				ConcurrentMessageListenerContainer<Object, Object> handBuilt = new ConcurrentMessageListenerContainer<>(
						factory.getConsumerFactory(), new ContainerProperties("topic"));
				assertThat(threads.isTracked(handBuilt)).isFalse();
				handBuilt.setRecordInterceptor(new LivenessInterceptor<>(threads));
				assertThat(threads.isTracked(handBuilt)).isTrue();
			});
	}

	@Test
	void listenerContainersGetTheLivenessInterceptor() {
		this.contextRunner.run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context
				.getBean(ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getRecordInterceptor()).isInstanceOf(LivenessInterceptor.class);
			assertThat(factory.getBatchInterceptor()).isInstanceOf(LivenessInterceptor.class);
		});
	}

	@Test
	void userRecordInterceptorIsComposedWithLiveness() {
		this.contextRunner.withBean(RecordInterceptor.class, UserRecordInterceptor::new).run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context
				.getBean(ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getRecordInterceptor()).isInstanceOf(CompositeRecordInterceptor.class);
		});
	}

	@Test
	void authenticationFailuresAreRetriedByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
			.getContainerProperties()
			.getAuthExceptionRetryInterval()).isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void userAuthenticationRetryIntervalWins() {
		this.contextRunner.withPropertyValues("spring.kafka.listener.auth-exception-retry-interval=3s")
			.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
				.getContainerProperties()
				.getAuthExceptionRetryInterval()).isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void consumerMonitorsShareADaemonSchedulerUnlessTheApplicationGivesOne() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
			.createContainer("topic")
			.getContainerProperties()
			.getScheduler()).isInstanceOfSatisfying(ThreadPoolTaskScheduler.class, (scheduler) -> {
				assertThat(scheduler.isDaemon()).isTrue();
				assertThat(scheduler.getThreadNamePrefix()).isEqualTo("karafka-consumer-monitor-");
			}));
		ThreadPoolTaskScheduler own = new ThreadPoolTaskScheduler();
		this.contextRunner
			.withBean("kafkaListenerContainerFactory", ConcurrentKafkaListenerContainerFactory.class, () -> {
				ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
				factory.getContainerProperties().setScheduler(own);
				return factory;
			})
			.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
				.getContainerProperties()
				.getScheduler()).isSameAs(own));
	}

	@Test
	void serverDisabledLeavesContainersStopped() {
		this.contextRunner.withPropertyValues("spring.kafka.listener.auto-startup=true", "karafka.server.enabled=false")
			.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
				.createContainer("topic")
				.isAutoStartup()).isFalse());
	}

	@Test
	void excludedKarafkaAutoConfigurationLeavesNoHalfWorkingLiveness() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KarafkaLivenessAutoConfiguration.class, KafkaAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ConsumerThreads.class)
				.doesNotHaveBean(KarafkaLivenessHealthIndicator.class)
				.doesNotHaveBean(UntrackedContainers.class));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void containerShutdownTimeoutNotBelowTheShutdownPhaseIsWarnedAtStart(CapturedOutput output) {
		this.contextRunner.withPropertyValues("karafka.shutdown-timeout=29s").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("karafka.shutdown-timeout (");
		});
		this.contextRunner
			.withPropertyValues("karafka.shutdown-timeout=40s", "spring.lifecycle.timeout-per-shutdown-phase=40s")
			.run((context) -> assertThat(output).contains("karafka.shutdown-timeout (40000 ms) is not below "
					+ "spring.lifecycle.timeout-per-shutdown-phase (40000 ms)"));
	}

	@Test
	void livenessDisabledBacksOff() {
		this.contextRunner.withPropertyValues("karafka.liveness.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ConsumerThreads.class)
				.doesNotHaveBean(KarafkaLivenessHealthIndicator.class);
			assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class).getRecordInterceptor()).isNull();
		});
	}

	@Test
	void healthIndicatorDisabledKeepsTracking() {
		this.contextRunner.withPropertyValues("management.health.karafka.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ConsumerThreads.class)
				.doesNotHaveBean(KarafkaLivenessHealthIndicator.class)
				.doesNotHaveBean(LivenessMetrics.class));
	}

	@Test
	void withoutActuatorHealthThereIsNoLiveness() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).doesNotHaveBean(ConsumerThreads.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactoryConfiguration {

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> ownFactory(
				ConsumerFactory<Object, Object> consumerFactory,
				ObjectProvider<ConsumerRebalanceListener> rebalanceListener) {
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setConsumerFactory(consumerFactory);
			rebalanceListener.ifAvailable(factory.getContainerProperties()::setConsumerRebalanceListener);
			return factory;
		}

	}

	static class UserRecordInterceptor implements RecordInterceptor<Object, Object> {

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			return record;
		}

	}

}
