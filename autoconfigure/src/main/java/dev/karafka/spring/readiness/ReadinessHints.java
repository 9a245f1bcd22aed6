package dev.karafka.spring.readiness;

import org.jspecify.annotations.Nullable;

/**
 * Callback interface that turns what the readiness check of the cluster learns into
 * hints: it is told the outcome of every check of the cluster, and gives the {@code hint}
 * detail of the readiness contributor.
 *
 * @author karafka-spring
 * @since 0.1.0
 * @see KafkaClusterHealthIndicator
 */
public interface ReadinessHints {

	/**
	 * Hints that learn nothing and have nothing to say.
	 */
	ReadinessHints NONE = new ReadinessHints() {

		@Override
		public void clusterChecked(@Nullable Throwable failure) {
		}

		@Override
		public @Nullable String hint() {
			return null;
		}

	};

	/**
	 * Called after each check of the cluster.
	 * @param failure why the cluster could not be described (a Kafka client error, or a
	 * Kafka {@code TimeoutException} when no broker answered in time), or {@code null}
	 * when it was
	 */
	void clusterChecked(@Nullable Throwable failure);

	/**
	 * Return the text of the active hints, what to change for each cause detected.
	 * @return the hints, or {@code null} when none is active
	 */
	@Nullable String hint();

}
