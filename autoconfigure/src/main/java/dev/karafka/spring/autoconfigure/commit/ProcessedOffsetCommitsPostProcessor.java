package dev.karafka.spring.autoconfigure.commit;

import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.commit.CommitFailures;
import dev.karafka.spring.commit.ProcessedOffsetCommits;
import dev.karafka.spring.liveness.ConsumerThreads;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.type.MethodMetadata;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Gives Spring Boot's {@code kafkaListenerContainerFactory} a
 * {@link ProcessedOffsetCommits} as rebalance listener (composed with one it already
 * has), which marks its containers for the model; {@code ProcessedOffsetCommitsLifecycle}
 * applies it when they start. A factory of the application's own, an ack mode set with
 * {@code spring.kafka.listener.ack-mode}, or consumers that commit by themselves
 * ({@code enable.auto.commit=true}) keep spring-kafka's behaviour.
 *
 * @author karafka-spring
 */
class ProcessedOffsetCommitsPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final String BOOT_FACTORY_CONFIGURATION = "org.springframework.boot.kafka.autoconfigure.KafkaAnnotationDrivenConfiguration";

	private final ObjectProvider<KafkaProperties> properties;

	private final ObjectProvider<CommitFailures> failures;

	private final ObjectProvider<ConsumerThreads> consumerThreads;

	private final ObjectProvider<KarafkaProperties> karafkaProperties;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	ProcessedOffsetCommitsPostProcessor(ObjectProvider<KafkaProperties> properties,
			ObjectProvider<CommitFailures> failures, ObjectProvider<ConsumerThreads> consumerThreads,
			ObjectProvider<KarafkaProperties> karafkaProperties) {
		this.properties = properties;
		this.failures = failures;
		this.consumerThreads = consumerThreads;
		this.karafkaProperties = karafkaProperties;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ConcurrentKafkaListenerContainerFactory<?, ?> factory && isBootFactory(beanName)
				&& this.properties.getObject().getListener().getAckMode() == null) {
			mark(factory);
		}
		return bean;
	}

	private void mark(ConcurrentKafkaListenerContainerFactory<?, ?> factory) {
		ConsumerFactory<?, ?> consumerFactory = factory.getConsumerFactory();
		Map<String, Object> consumerConfig = (consumerFactory != null) ? consumerFactory.getConfigurationProperties()
				: Map.of();
		if (Boolean.parseBoolean(String.valueOf(consumerConfig.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)))) {
			return;
		}
		ContainerProperties containerProperties = factory.getContainerProperties();
		ConsumerRebalanceListener delegate = containerProperties.getConsumerRebalanceListener();
		ProcessedOffsetCommits commits = new ProcessedOffsetCommits(delegate,
				ProcessedOffsetCommits.interval(consumerConfig), this.failures.getObject(), isPollTimeoutChosen());
		this.consumerThreads.ifAvailable((threads) -> {
			if (threads.stampsRebalances(delegate)) {
				threads.registerRebalanceListener(commits);
			}
		});
		containerProperties.setConsumerRebalanceListener(commits);
	}

	private boolean isPollTimeoutChosen() {
		KarafkaProperties karafka = this.karafkaProperties.getIfAvailable();
		return this.properties.getObject().getListener().getPollTimeout() != null
				|| (karafka != null && karafka.getMaxWaitTime() != null);
	}

	private boolean isBootFactory(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = this.beanFactory.getBeanDefinition(beanName);
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null && BOOT_FACTORY_CONFIGURATION.equals(factoryMethod.getDeclaringClassName());
	}

}
