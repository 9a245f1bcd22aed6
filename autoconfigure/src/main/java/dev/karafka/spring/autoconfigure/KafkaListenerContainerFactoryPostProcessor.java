package dev.karafka.spring.autoconfigure;

import java.time.Duration;

import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.liveness.LivenessInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Applies karafka settings to every listener container factory: whether containers start
 * ({@code karafka.server.enabled}), retries of authentication and authorization failures
 * (which belong to readiness, not to a restart), and liveness tracking composed with the
 * application's own record and batch interceptors. The liveness interceptor is not a bean:
 * Boot takes interceptor beans only when there is exactly one, so a second one would
 * silently drop the application's.
 *
 * @author karafka-spring
 */
class KafkaListenerContainerFactoryPostProcessor implements BeanPostProcessor {

	static final Duration AUTH_EXCEPTION_RETRY_INTERVAL = Duration.ofSeconds(10);

	private final ObjectProvider<KarafkaProperties> properties;

	private final ObjectProvider<ConsumerThreads> consumerThreads;

	KafkaListenerContainerFactoryPostProcessor(ObjectProvider<KarafkaProperties> properties,
			ObjectProvider<ConsumerThreads> consumerThreads) {
		this.properties = properties;
		this.consumerThreads = consumerThreads;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			customize(factory);
		}
		return bean;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void customize(AbstractKafkaListenerContainerFactory factory) {
		if (!this.properties.getObject().getServer().isEnabled()) {
			factory.setAutoStartup(false);
		}
		ContainerProperties containerProperties = factory.getContainerProperties();
		if (containerProperties.getAuthExceptionRetryInterval() == null) {
			containerProperties.setAuthExceptionRetryInterval(AUTH_EXCEPTION_RETRY_INTERVAL);
		}
		ConsumerThreads threads = this.consumerThreads.getIfAvailable();
		if (threads != null) {
			LivenessInterceptor liveness = new LivenessInterceptor(threads);
			factory.setRecordInterceptor(compose(liveness, factory.getRecordInterceptor()));
			factory.setBatchInterceptor(compose(liveness, factory.getBatchInterceptor()));
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RecordInterceptor compose(LivenessInterceptor liveness, @Nullable RecordInterceptor existing) {
		return (existing != null) ? new CompositeRecordInterceptor(liveness, existing) : liveness;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static BatchInterceptor compose(LivenessInterceptor liveness, @Nullable BatchInterceptor existing) {
		return (existing != null) ? new CompositeBatchInterceptor(liveness, existing) : liveness;
	}

}
