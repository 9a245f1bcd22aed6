package dev.karafka.spring.autoconfigure.health;

import java.time.Duration;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.liveness.KarafkaLivenessHealthIndicator;
import dev.karafka.spring.liveness.LivenessInterceptor;
import dev.karafka.spring.liveness.LivenessMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

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
	void serverDisabledLeavesContainersStopped() {
		this.contextRunner.withPropertyValues("spring.kafka.listener.auto-startup=true", "karafka.server.enabled=false")
			.run((context) -> assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
				.createContainer("topic")
				.isAutoStartup()).isFalse());
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

	static class UserRecordInterceptor implements RecordInterceptor<Object, Object> {

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			return record;
		}

	}

}
