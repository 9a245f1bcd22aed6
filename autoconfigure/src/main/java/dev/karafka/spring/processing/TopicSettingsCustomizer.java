package dev.karafka.spring.processing;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.karafka.spring.connection.SettingNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Applies the per-topic processing settings to each listener container that consumes a
 * configured topic. Values the listener sets itself (its {@code properties}, or a
 * {@code concurrency} other than the factory's) win.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class TopicSettingsCustomizer
		implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

	private static final int MAX_SUGGESTION_DISTANCE = 2;

	private final Map<String, ListenerSettings> topics;

	private final @Nullable Integer factoryConcurrency;

	private final boolean errorHandling;

	private final ErrorHandlers errorHandlers;

	private final Function<String, String> logicalName;

	private final Set<String> matchedTopics = ConcurrentHashMap.newKeySet();

	private final Set<String> consumedTopics = ConcurrentHashMap.newKeySet();

	private final Map<String, String> inactiveListeners = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param topics the settings per topic, keyed by the topic name as the code writes it
	 * @param factoryConcurrency the concurrency the container factory gives containers
	 * @param errorHandling whether per-topic error handlers may be set (not when the
	 * application has its own error handler)
	 * @param errorHandlers creates the error handlers of the topics
	 * @param logicalName turns a topic name the broker sees into the name the code writes
	 * (without the name prefix)
	 */
	public TopicSettingsCustomizer(Map<String, ListenerSettings> topics, @Nullable Integer factoryConcurrency,
			boolean errorHandling, ErrorHandlers errorHandlers, Function<String, String> logicalName) {
		this.topics = Map.copyOf(topics);
		this.factoryConcurrency = factoryConcurrency;
		this.errorHandling = errorHandling;
		this.errorHandlers = errorHandlers;
		this.logicalName = logicalName;
	}

	@Override
	public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
		String[] containerTopics = container.getContainerProperties().getTopics();
		if (containerTopics == null) {
			return;
		}
		Arrays.stream(containerTopics).map(this.logicalName).forEach(this.consumedTopics::add);
		Arrays.stream(containerTopics)
			.map(this.logicalName)
			.filter(this.topics::containsKey)
			.findFirst()
			.ifPresent((topic) -> apply(container, topic, this.topics.get(topic)));
	}

	/**
	 * Return the listener containers that do not start automatically because their topic
	 * is not active ({@code karafka.topics.<topic>.active=false}).
	 * @return the topic of each such container, by listener id
	 */
	public Map<String, String> inactiveListeners() {
		return Collections.unmodifiableMap(this.inactiveListeners);
	}

	/**
	 * Return the configured topics that no listener container consumes by name.
	 * @return the unmatched topic names
	 */
	public Set<String> unmatchedTopics() {
		return this.topics.keySet()
			.stream()
			.filter((topic) -> !this.matchedTopics.contains(topic))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * Return the topic consumed by a container that a configured topic no container
	 * consumes probably means: a few typing errors away ({@code ordres} for
	 * {@code orders}).
	 * @param topic the configured topic
	 * @return the closest consumed topic, or {@code null} if none is close
	 */
	public @Nullable String consumedTopicLike(String topic) {
		return SettingNames.closest(topic, this.consumedTopics, MAX_SUGGESTION_DISTANCE);
	}

	private void apply(ConcurrentMessageListenerContainer<Object, Object> container, String topic,
			ListenerSettings settings) {
		this.matchedTopics.add(topic);
		if (!settings.active()) {
			container.setAutoStartup(false);
			this.inactiveListeners.put(String.valueOf(container.getListenerId()), topic);
		}
		if (settings.concurrency() != null && sameAsFactory(container.getConcurrency())) {
			container.setConcurrency(settings.concurrency());
		}
		ContainerProperties properties = container.getContainerProperties();
		Properties consumer = properties.getKafkaConsumerProperties();
		putIfAbsent(consumer, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxMessages(), String::valueOf);
		putIfAbsent(consumer, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.initialOffset(),
				InitialOffset::autoOffsetReset);
		putIfAbsent(consumer, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, settings.maxWaitTime(),
				(wait) -> String.valueOf(wait.toMillis()));
		if (settings.maxWaitTime() != null) {
			properties.setPollTimeout(settings.maxWaitTime().toMillis());
		}
		if (this.errorHandling) {
			container.setCommonErrorHandler(this.errorHandlers.create(settings));
		}
	}

	private boolean sameAsFactory(int concurrency) {
		return (this.factoryConcurrency != null) ? this.factoryConcurrency == concurrency : concurrency == 1;
	}

	private static <T> void putIfAbsent(Properties properties, String key, @Nullable T value,
			Function<T, String> mapper) {
		if (value != null) {
			properties.putIfAbsent(key, mapper.apply(value));
		}
	}

}
