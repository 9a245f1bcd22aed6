package dev.karafka.spring.connection;

/**
 * Callback interface for the Kafka client settings that a platform's environment gives
 * (Heroku's {@code KAFKA_URL} and certificates, for example). They are weaker than the
 * application's explicit {@code karafka.*} settings and stronger than
 * {@code spring.kafka.*}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@FunctionalInterface
public interface PlatformKafkaSettings {

	/**
	 * Add this platform's settings, each with the environment variable it comes from.
	 * @param settings the settings to add to
	 */
	void contributeTo(KafkaSettings settings);

}
