package dev.karafka.spring.docs;

/**
 * Spring Boot's shutdown timing that the deployment assets must leave room for.
 *
 * @author karafka-spring
 */
final class SpringShutdown {

	/**
	 * Default of {@code spring.lifecycle.timeout-per-shutdown-phase}, in seconds.
	 */
	static final int SHUTDOWN_PHASE_SECONDS = 30;

	private SpringShutdown() {
	}

}
