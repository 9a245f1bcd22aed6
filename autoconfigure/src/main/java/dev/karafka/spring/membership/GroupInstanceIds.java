package dev.karafka.spring.membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.function.Supplier;

import dev.karafka.spring.connection.InvalidSettingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.StringUtils;

/**
 * Gives the consumers of every listener container a {@code group.instance.id} (Kafka's
 * static membership, KIP-345) before the containers start, and refuses ids that several
 * containers would share.
 * <p>
 * With static membership on, a container consuming with listener id {@code orders} in the
 * process whose instance id is {@code app-0} gets {@code app-0-orders}; spring-kafka then
 * appends the consumer thread's suffix ({@code -0}, {@code -1}, ...), so every consumer
 * has its own id, and the same id again after a restart of the same pod or host. A
 * restarted member that rejoins within {@code session.timeout.ms} gets its partitions
 * back without a rebalance of the other members. An id set on the listener itself
 * ({@code @KafkaListener(properties = "group.instance.id=...")}) is kept.
 * <p>
 * An id that two containers would share makes the broker fence one of them
 * ({@code FencedInstanceIdException}) in a loop of restarts; with static membership off
 * such a configuration (typically {@code karafka.kafka[group.instance.id]=$(POD_NAME)} in
 * a process with several listeners) fails start-up with an
 * {@link InvalidSettingException} naming the listeners.
 * <p>
 * Runs as a {@link SmartLifecycle} in the phase just before the listener containers'.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class GroupInstanceIds implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(GroupInstanceIds.class);

	private static final String GENERATED_LISTENER_ID = "org.springframework.kafka.KafkaListenerEndpointContainer#";

	private static final Pattern INVALID_ID_CHARACTERS = Pattern.compile("[^a-zA-Z0-9._-]");

	private final @Nullable String instanceId;

	private final @Nullable String sharedId;

	private final Supplier<Collection<MessageListenerContainer>> containers;

	private final IntSupplier containersPhase;

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param instanceId the identity of this process or pod, the base of every
	 * container's id, or {@code null} when static membership is off
	 * @param sharedId the {@code group.instance.id} every container's consumer factory
	 * gives (from {@code karafka.kafka} or {@code spring.kafka.consumer.properties}), or
	 * {@code null}
	 * @param containers the listener containers of the application
	 * @param containersPhase the phase the listener containers start in
	 */
	public GroupInstanceIds(@Nullable String instanceId, @Nullable String sharedId,
			Supplier<Collection<MessageListenerContainer>> containers, IntSupplier containersPhase) {
		this.instanceId = instanceId;
		this.sharedId = sharedId;
		this.containers = containers;
		this.containersPhase = containersPhase;
	}

	@Override
	public void start() {
		Map<String, List<String>> listenersById = new LinkedHashMap<>();
		for (MessageListenerContainer container : this.containers.get()) {
			String id = assign(container);
			if (id != null) {
				listenersById.computeIfAbsent(id, (key) -> new ArrayList<>()).add(listenerId(container));
			}
		}
		listenersById.forEach(GroupInstanceIds::requireOneListener);
		this.running = true;
	}

	private @Nullable String assign(MessageListenerContainer container) {
		String own = container.getContainerProperties()
			.getKafkaConsumerProperties()
			.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		if (StringUtils.hasText(own)) {
			return own;
		}
		if (this.instanceId == null) {
			return this.sharedId;
		}
		String id = this.instanceId + "-" + idPart(listenerId(container));
		container.getContainerProperties()
			.getKafkaConsumerProperties()
			.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id);
		if (logger.isDebugEnabled()) {
			logger.debug("Listener '" + listenerId(container) + "' consumes with group.instance.id '" + id + "'");
		}
		return id;
	}

	private static void requireOneListener(String id, List<String> listeners) {
		if (listeners.size() > 1) {
			throw new InvalidSettingException(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
					"listeners " + listeners.stream().sorted().toList()
							+ " would consume with the same group.instance.id, and the brokers "
							+ "would fence all but one of them",
					"Set karafka.static-membership.enabled=true (and remove the fixed group.instance.id) to give "
							+ "every consumer its own stable id, or set the id per listener with "
							+ "@KafkaListener(properties = \"group.instance.id=...\").");
		}
	}

	/**
	 * Return the given text as Kafka accepts it in a {@code group.instance.id}: ASCII
	 * letters, digits, {@code .}, {@code _} and {@code -}, other characters replaced by
	 * {@code -}; spring-kafka's generated listener ids shortened to {@code listener-<n>}.
	 * @param text the listener id or host name
	 * @return the id part
	 */
	public static String idPart(String text) {
		String part = text.startsWith(GENERATED_LISTENER_ID)
				? "listener-" + text.substring(GENERATED_LISTENER_ID.length()) : text;
		return INVALID_ID_CHARACTERS.matcher(part).replaceAll("-");
	}

	private static String listenerId(MessageListenerContainer container) {
		String id = container.getListenerId();
		return (id != null) ? id : container.toString();
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
		return this.containersPhase.getAsInt() - 1;
	}

}
