package dev.karafka.spring.commit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Applies {@link ProcessedOffsetCommits} to the listener containers that carry it as
 * their rebalance listener, just before the containers start: by then container
 * customizers and {@code @KafkaListener} attributes have set what they set, so a
 * container whose ack mode, commit callback or transaction manager the application chose
 * keeps them.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ProcessedOffsetCommitsLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ProcessedOffsetCommitsLifecycle.class);

	private final ObjectProvider<ListenerContainerRegistry> registries;

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param registries the registries of the listener containers
	 */
	public ProcessedOffsetCommitsLifecycle(ObjectProvider<ListenerContainerRegistry> registries) {
		this.registries = registries;
	}

	@Override
	public void start() {
		this.registries.orderedStream()
			.flatMap((registry) -> registry.getAllListenerContainers().stream())
			.forEach(this::apply);
		this.running = true;
	}

	private void apply(MessageListenerContainer container) {
		if (container.getContainerProperties()
			.getConsumerRebalanceListener() instanceof ProcessedOffsetCommits commits) {
			if (commits.applyTo(container.getContainerProperties())) {
				logger.debug("Listener container '" + container.getListenerId() + "' commits processed offsets every "
						+ container.getContainerProperties().getAckTime() + " ms in the background");
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
	}

}
