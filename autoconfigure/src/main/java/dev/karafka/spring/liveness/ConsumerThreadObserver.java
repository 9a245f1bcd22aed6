package dev.karafka.spring.liveness;

/**
 * Callback interface for beans that follow consumer threads as they start and stop, such
 * as metrics.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public interface ConsumerThreadObserver {

	/**
	 * Called on the consumer thread when it starts.
	 * @param state the thread's state
	 */
	void started(ConsumerThreadState state);

	/**
	 * Called on the consumer thread when it stops.
	 * @param state the thread's state
	 */
	void stopped(ConsumerThreadState state);

}
