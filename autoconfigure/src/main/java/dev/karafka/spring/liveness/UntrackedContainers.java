package dev.karafka.spring.liveness;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The listener containers whose consumer threads liveness cannot see: containers built by
 * hand without the {@link LivenessInterceptor}, or that replaced the interceptor the
 * container factory gave them. They are named in one warning when the application is
 * ready, and in the liveness details.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class UntrackedContainers implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(UntrackedContainers.class);

	private final ConsumerThreads threads;

	private final Supplier<Collection<MessageListenerContainer>> containers;

	/**
	 * Create a new instance.
	 * @param threads the consumer threads that tell which containers are tracked
	 * @param containers supplies the application's listener containers
	 */
	public UntrackedContainers(ConsumerThreads threads, Supplier<Collection<MessageListenerContainer>> containers) {
		this.threads = threads;
		this.containers = containers;
	}

	/**
	 * Return the ids of the listener containers that are not tracked, sorted.
	 * @return the listener ids, or the container class names of containers without one
	 */
	public List<String> listenerIds() {
		return this.containers.get()
			.stream()
			.filter((container) -> !this.threads.isTracked(container))
			.map((container) -> Objects.requireNonNullElse(container.getListenerId(), container.getClass().getName()))
			.sorted()
			.toList();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		List<String> untracked = listenerIds();
		if (!untracked.isEmpty()) {
			logger.warn("Liveness does not see the consumer threads of listener containers " + untracked
					+ ": they were built without the container factory's LivenessInterceptor. Set it as their "
					+ "record or batch interceptor (or register a composite with ConsumerThreads.registerInterceptor)");
		}
	}

}
