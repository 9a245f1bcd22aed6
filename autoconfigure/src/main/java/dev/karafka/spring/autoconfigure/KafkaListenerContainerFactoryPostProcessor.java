package dev.karafka.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.deadletter.DeadLetterInterceptor;
import dev.karafka.spring.liveness.ConsumerThreads;
import dev.karafka.spring.liveness.LivenessInterceptor;
import dev.karafka.spring.liveness.LivenessRebalanceListener;
import dev.karafka.spring.liveness.WebServerContexts;
import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.processing.ErrorHandlers;
import dev.karafka.spring.processing.ListenerSettings;
import dev.karafka.spring.processing.TopicSettingsCustomizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Applies karafka settings to every listener container factory: whether containers start
 * ({@code karafka.server.enabled}), Karafka's processing settings globally and per topic,
 * retries of authentication and authorization failures (which belong to readiness, not to
 * a restart), liveness tracking composed with the application's own record and batch
 * interceptors, and one daemon scheduler for the consumers' monitors unless the
 * application gives one. Once the context is refreshed, it says at INFO when no container
 * runs in an application without a web server, which no consumer thread then keeps alive.
 * <p>
 * Boot fills several of the factory's one-object slots from beans it takes only when
 * there is exactly one (interceptors, error handler, container customizer). Nothing here
 * is published as such a bean, so a second bean never silently drops the application's:
 * ours are composed with the application's, or step aside for them.
 *
 * @author karafka-spring
 */
class KafkaListenerContainerFactoryPostProcessor implements BeanPostProcessor,
		ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware, DisposableBean {

	static final Duration AUTH_EXCEPTION_RETRY_INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(KafkaListenerContainerFactoryPostProcessor.class);

	/**
	 * What a worker without running containers does: spring-kafka's consumer threads are
	 * not daemons, the probe server's are, the development broker's and Spring Boot's
	 * {@code spring.main.keep-alive} thread are not.
	 */
	private static final String NO_CONSUMER_THREAD = "No consumer thread keeps the process alive: without a web "
			+ "server, it ends once the application's runners return, unless other non-daemon threads (the "
			+ "development broker's, spring.main.keep-alive's, the application's own) keep it running.";

	private final ObjectProvider<KarafkaProperties> properties;

	private final ObjectProvider<ConsumerThreads> consumerThreads;

	private final ObjectProvider<CommonErrorHandler> errorHandler;

	private final ObjectProvider<ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>> containerCustomizer;

	private final ObjectProvider<KafkaOperations<?, ?>> template;

	private final ObjectProvider<NamePrefix> prefix;

	private final ObjectProvider<DeadLetterDispatchFailures> deadLetterDispatchFailures;

	private final Map<String, TopicSettingsCustomizer> topicCustomizers = new LinkedHashMap<>();

	private final Set<String> factoriesNotStarting = new LinkedHashSet<>();

	private final List<ErrorHandlers> errorHandlers = new CopyOnWriteArrayList<>();

	private @Nullable ThreadPoolTaskScheduler monitorScheduler;

	private @Nullable ApplicationContext applicationContext;

	KafkaListenerContainerFactoryPostProcessor(ObjectProvider<KarafkaProperties> properties,
			ObjectProvider<ConsumerThreads> consumerThreads, ObjectProvider<CommonErrorHandler> errorHandler,
			ObjectProvider<ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>> containerCustomizer,
			ObjectProvider<KafkaOperations<?, ?>> template, ObjectProvider<NamePrefix> prefix,
			ObjectProvider<DeadLetterDispatchFailures> deadLetterDispatchFailures) {
		this.properties = properties;
		this.consumerThreads = consumerThreads;
		this.errorHandler = errorHandler;
		this.containerCustomizer = containerCustomizer;
		this.template = template;
		this.prefix = prefix;
		this.deadLetterDispatchFailures = deadLetterDispatchFailures;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			customize(factory, beanName);
		}
		return bean;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	/**
	 * Report once the application context is refreshed, not again for its child contexts
	 * (the management server's, on its own port), whose events reach this listener too.
	 */
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (event.getApplicationContext() != this.applicationContext) {
			return;
		}
		if (!this.factoriesNotStarting.isEmpty()) {
			logger.info("Listener containers of " + this.factoriesNotStarting + " do not start: "
					+ "karafka.server.enabled=false (one-off tasks next to a running consumer). " + NO_CONSUMER_THREAD);
		}
		else if (!WebServerContexts.hasWebServer(event.getApplicationContext())) {
			logIfNoContainerRuns(event.getApplicationContext());
		}
		this.topicCustomizers.forEach((factoryName, customizer) -> {
			Set<String> unmatched = customizer.unmatchedTopics();
			if (!unmatched.isEmpty()) {
				List<String> suggestions = new ArrayList<>();
				for (String topic : unmatched) {
					String meant = customizer.consumedTopicLike(topic);
					if (meant != null) {
						suggestions.add("'" + topic + "', did you mean '" + meant + "'?");
					}
				}
				logger.warn("No listener of '" + factoryName + "' consumes karafka.topics " + unmatched
						+ " by name: their settings apply to no container (topic patterns are not matched)"
						+ (suggestions.isEmpty() ? "" : "; " + String.join(", ", suggestions)));
			}
		});
	}

	/**
	 * Explain that no consumer thread keeps an application without a web server alive:
	 * none started. Each container is named with the setting that keeps it from starting.
	 */
	private void logIfNoContainerRuns(ApplicationContext context) {
		KafkaListenerEndpointRegistry registry = context.getBeanProvider(KafkaListenerEndpointRegistry.class)
			.getIfAvailable();
		Collection<MessageListenerContainer> containers = (registry != null) ? registry.getAllListenerContainers()
				: List.of();
		if (containers.isEmpty() || containers.stream().anyMatch(MessageListenerContainer::isRunning)) {
			return;
		}
		Map<String, String> inactive = new LinkedHashMap<>();
		this.topicCustomizers.values().forEach((customizer) -> inactive.putAll(customizer.inactiveListeners()));
		boolean factoryDefault = Boolean.FALSE
			.equals(context.getEnvironment().getProperty("spring.kafka.listener.auto-startup", Boolean.class));
		List<String> listeners = containers.stream().map((container) -> {
			String listenerId = String.valueOf(container.getListenerId());
			String topic = inactive.get(listenerId);
			String cause = (topic != null) ? "karafka.topics." + topic + ".active=false"
					: factoryDefault ? "spring.kafka.listener.auto-startup=false"
							: "autoStartup=false on the listener or its container factory";
			return "'" + listenerId + "' (" + cause + ")";
		}).sorted().toList();
		logger.info("No listener container runs, none starts automatically: " + String.join(", ", listeners) + ". "
				+ NO_CONSUMER_THREAD);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void customize(AbstractKafkaListenerContainerFactory factory, String beanName) {
		KarafkaProperties properties = this.properties.getObject();
		ListenerSettings global = properties.buildListenerSettings();
		if (!properties.getServer().isEnabled()) {
			factory.setAutoStartup(false);
			this.factoriesNotStarting.add(beanName);
		}
		ContainerProperties containerProperties = factory.getContainerProperties();
		if (containerProperties.getAuthExceptionRetryInterval() == null) {
			containerProperties.setAuthExceptionRetryInterval(AUTH_EXCEPTION_RETRY_INTERVAL);
		}
		if (global.maxWaitTime() != null) {
			containerProperties.setPollTimeout(global.maxWaitTime().toMillis());
		}
		if (properties.getShutdownTimeout() != null) {
			containerProperties.setShutdownTimeout(properties.getShutdownTimeout().toMillis());
		}
		if (containerProperties.getScheduler() == null) {
			containerProperties.setScheduler(monitorScheduler());
		}
		DeadLetterDispatchFailures deadLetterFailures = this.deadLetterDispatchFailures
			.getIfAvailable(DeadLetterDispatchFailures::new);
		ErrorHandlers errorHandlers = new ErrorHandlers(this.template::getObject,
				properties.getDeadLetterQueue().getMaxBlockTime(),
				properties.getDeadLetterQueue().buildHeaders(prefix()), deadLetterFailures);
		this.errorHandlers.add(errorHandlers);
		boolean errorHandling = applyErrorHandler(factory, global, errorHandlers);
		if (factory instanceof ConcurrentKafkaListenerContainerFactory concurrent) {
			if (global.concurrency() != null) {
				concurrent.setConcurrency(global.concurrency());
			}
			TopicSettingsCustomizer topicSettings = applyTopicSettings(beanName, properties, global, errorHandling,
					errorHandlers);
			DeadLetterLoopCheck loopCheck = (errorHandling && hasDeadLetterQueue(properties, global))
					? new DeadLetterLoopCheck(properties.getTopics(), prefix()::logicalName) : null;
			applyContainerCustomizers(concurrent, topicSettings, loopCheck);
		}
		if (errorHandling && hasDeadLetterQueue(properties, global)) {
			DeadLetterInterceptor deadLetters = new DeadLetterInterceptor(deadLetterFailures);
			RecordInterceptor existing = factory.getRecordInterceptor();
			factory.setRecordInterceptor(
					(existing != null) ? new CompositeRecordInterceptor(deadLetters, existing) : deadLetters);
		}
		ConsumerThreads threads = this.consumerThreads.getIfAvailable();
		if (threads != null) {
			applyLiveness(factory, threads);
		}
	}

	/**
	 * Return the scheduler of the containers' consumer monitors, shared and on a daemon
	 * thread. Without it, every consumer creates a scheduler of its own, on a non-daemon
	 * thread that lives as long as the consumer thread: one stuck in a listener keeps it,
	 * and the JVM, alive after its container gave it up.
	 */
	private synchronized TaskScheduler monitorScheduler() {
		ThreadPoolTaskScheduler scheduler = this.monitorScheduler;
		if (scheduler == null) {
			scheduler = new ThreadPoolTaskScheduler();
			scheduler.setThreadNamePrefix("karafka-consumer-monitor-");
			scheduler.setDaemon(true);
			scheduler.initialize();
			this.monitorScheduler = scheduler;
		}
		return scheduler;
	}

	@Override
	public synchronized void destroy() {
		this.errorHandlers.forEach(ErrorHandlers::destroy);
		if (this.monitorScheduler != null) {
			this.monitorScheduler.destroy();
		}
	}

	private static boolean hasDeadLetterQueue(KarafkaProperties properties, ListenerSettings global) {
		return global.deadLetterTopic() != null || properties.getTopics()
			.values()
			.stream()
			.anyMatch((topic) -> topic.getDeadLetterQueue().getTopic() != null);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void applyLiveness(AbstractKafkaListenerContainerFactory factory, ConsumerThreads threads) {
		LivenessInterceptor liveness = new LivenessInterceptor(threads);
		RecordInterceptor recordInterceptor = compose(liveness, factory.getRecordInterceptor());
		BatchInterceptor batchInterceptor = compose(liveness, factory.getBatchInterceptor());
		threads.registerInterceptor(recordInterceptor);
		threads.registerInterceptor(batchInterceptor);
		factory.setRecordInterceptor(recordInterceptor);
		factory.setBatchInterceptor(batchInterceptor);
		ContainerProperties containerProperties = factory.getContainerProperties();
		containerProperties.setConsumerRebalanceListener(
				new LivenessRebalanceListener(threads, containerProperties.getConsumerRebalanceListener()));
	}

	@SuppressWarnings("rawtypes")
	private boolean applyErrorHandler(AbstractKafkaListenerContainerFactory factory, ListenerSettings global,
			ErrorHandlers errorHandlers) {
		if (this.errorHandler.getIfUnique() != null) {
			logger.info("The application's CommonErrorHandler handles listener errors: karafka.pause.* and "
					+ "karafka.dead-letter-queue.* are not applied");
			return false;
		}
		factory.setCommonErrorHandler(errorHandlers.create(global));
		return true;
	}

	private @Nullable TopicSettingsCustomizer applyTopicSettings(String beanName, KarafkaProperties properties,
			ListenerSettings global, boolean errorHandling, ErrorHandlers errorHandlers) {
		if (properties.getTopics().isEmpty()) {
			return null;
		}
		Map<String, ListenerSettings> topics = new LinkedHashMap<>();
		properties.getTopics().forEach((topic, settings) -> topics.put(topic, settings.applyTo(topic, global)));
		TopicSettingsCustomizer topicSettings = new TopicSettingsCustomizer(topics, global.concurrency(), errorHandling,
				errorHandlers, prefix()::logicalName);
		this.topicCustomizers.put(beanName, topicSettings);
		return topicSettings;
	}

	/**
	 * Set the factory's container customizer to the application's, then ours: the topic
	 * settings and the dead-letter loop check, which sees the error handler the topic
	 * settings chose.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void applyContainerCustomizers(ConcurrentKafkaListenerContainerFactory factory,
			@Nullable TopicSettingsCustomizer topicSettings, @Nullable DeadLetterLoopCheck loopCheck) {
		List<ContainerCustomizer> customizers = Stream
			.of(this.containerCustomizer.getIfUnique(), topicSettings, loopCheck)
			.filter(Objects::nonNull)
			.map(ContainerCustomizer.class::cast)
			.toList();
		if (topicSettings != null || loopCheck != null) {
			factory.setContainerCustomizer((container) -> customizers
				.forEach((customizer) -> customizer.configure((ConcurrentMessageListenerContainer) container)));
		}
	}

	private NamePrefix prefix() {
		return this.prefix.getIfAvailable(() -> NamePrefix.NONE);
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
