package dev.karafka.spring.supervision;

/**
 * Callback interface for beans that follow the {@link ListenerSupervisor}, such as
 * metrics. Called on the supervisor's thread: an observer that blocks stops the
 * supervisor from controlling, which liveness reports once the controlling TTL passes.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public interface SupervisorObserver {

	/**
	 * Called when the supervisor completed a check of every listener container.
	 */
	default void checked() {
	}

	/**
	 * Called when the supervisor restarted a listener container.
	 * @param listenerId the listener id of the container
	 */
	default void restarted(String listenerId) {
	}

}
