package dev.karafka.spring.naming;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Warns, once the application is ready, about listeners that consume as the group of
 * their {@code id} rather than as the configured one ({@code karafka.group-id}, else
 * {@code spring.application.name}): spring-kafka makes a listener's {@code id} its group
 * unless the listener names a {@code groupId} or sets {@code idIsGroup = false}, which
 * Karafka users, whose groups always come from the configuration, do not expect. Renaming
 * such an id later starts a new group, which reads from the initial offset.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ListenerIdGroupWarning implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ListenerIdGroupWarning.class);

	private final NamePrefixAnnotationEnhancer enhancer;

	private final Supplier<Collection<MessageListenerContainer>> containers;

	private final Supplier<@Nullable String> configuredGroup;

	/**
	 * Create a new instance.
	 * @param enhancer the annotation enhancer that saw which listeners are grouped by id
	 * @param containers supplies the application's listener containers
	 * @param configuredGroup supplies the {@code group.id} of the application's consumer
	 * factory, or {@code null} if it has none
	 */
	public ListenerIdGroupWarning(NamePrefixAnnotationEnhancer enhancer,
			Supplier<Collection<MessageListenerContainer>> containers, Supplier<@Nullable String> configuredGroup) {
		this.enhancer = enhancer;
		this.containers = containers;
		this.configuredGroup = configuredGroup;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String configured = this.configuredGroup.get();
		if (configured == null) {
			return;
		}
		List<String> descriptions = this.containers.get()
			.stream()
			.filter((container) -> this.enhancer.getListenersGroupedById().contains(container.getListenerId()))
			.filter((container) -> !configured.equals(container.getGroupId()))
			.map((container) -> "listener '" + container.getListenerId() + "' in group '" + container.getGroupId()
					+ "' instead of '" + configured + "'")
			.toList();
		if (!descriptions.isEmpty()) {
			logger.warn("Listeners consume as the consumer group of their id (spring-kafka's idIsGroup), not as the "
					+ "configured group (karafka.group-id, else spring.application.name): " + descriptions
					+ ". Give the @KafkaListener a groupId, or idIsGroup = false, to use the configured group; a "
					+ "listener whose id is renamed later joins a new group, which reads from the initial offset.");
		}
	}

}
