package dev.karafka.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The settings that give the Kafka clients their bootstrap servers, named (never their
 * values: a {@code KAFKA_URL} may hold credentials) strongest first: the starter's,
 * unless it is off, then Spring Boot's. Also warns at start-up when there is none on a
 * platform.
 *
 * @author karafka-spring
 */
final class BootstrapServerSources {

	private static final List<String> KARAFKA_MAPS = List.of("karafka.consumer.kafka", "karafka.producer.kafka",
			"karafka.kafka");

	private static final List<String> SPRING_PROPERTIES = List.of("spring.kafka.consumer.bootstrap-servers",
			"spring.kafka.producer.bootstrap-servers", "spring.kafka.admin.bootstrap-servers",
			"spring.kafka.bootstrap-servers");

	private static final Map<String, String> PLATFORM_VARIABLES = Map.of("KUBERNETES_SERVICE_HOST", "Kubernetes",
			"DYNO", "Heroku");

	private static final Log logger = LogFactory.getLog(BootstrapServerSources.class);

	private BootstrapServerSources() {
	}

	/**
	 * Return the settings of the environment that set bootstrap servers, each quoted,
	 * strongest first; empty when the clients fall back to Spring Boot's default
	 * {@code localhost:9092}.
	 * @param environment the environment
	 * @return the settings
	 */
	static List<String> of(Environment environment) {
		List<String> sources = new ArrayList<>();
		if (StarterSwitch.offReason(environment) == null) {
			if (isSet(environment, "karafka.bootstrap-servers")) {
				sources.add(quoted("karafka.bootstrap-servers"));
			}
			for (String map : KARAFKA_MAPS) {
				Map<String, String> settings = Binder.get(environment)
					.bind(map, Bindable.mapOf(String.class, String.class))
					.orElse(Map.of());
				for (String key : List.of("bootstrap.servers", "metadata.broker.list")) {
					if (StringUtils.hasText(settings.get(key))) {
						sources.add(quoted(map + "[" + key + "]"));
					}
				}
			}
			String herokuUrl = environment.getProperty("karafka.heroku.env-prefix", "KAFKA") + "_URL";
			if (environment.getProperty("karafka.heroku.enabled", Boolean.class, true)
					&& isSet(environment, herokuUrl)) {
				sources.add(quoted(herokuUrl));
			}
		}
		SPRING_PROPERTIES.stream()
			.filter((property) -> isSet(environment, property))
			.map(BootstrapServerSources::quoted)
			.forEach(sources::add);
		return sources;
	}

	/**
	 * Return the origin of the bootstrap servers: the settings of the environment that
	 * set them, strongest first, or Spring Boot's default when none does.
	 * @param environment the environment
	 * @return the origin
	 */
	static Origin origin(Environment environment) {
		List<String> sources = of(environment);
		return new SettingsOrigin(sources.isEmpty()
				? "Spring Boot's default, localhost:9092 (none of "
						+ "karafka.bootstrap-servers, KAFKA_URL and spring.kafka.bootstrap-servers is set)"
				: describe(sources));
	}

	/**
	 * Return the settings, joined, with a note on their order when there are several.
	 * @param sources the settings, as {@link #of(Environment)} returns them
	 * @return the description
	 */
	static String describe(List<String> sources) {
		return String.join(", ", sources) + ((sources.size() > 1) ? " (strongest first)" : "");
	}

	/**
	 * Warn when an application runs on a platform without any setting of bootstrap
	 * servers: the clients then dial Spring Boot's default, {@code localhost:9092}, which
	 * on Kubernetes or Heroku is the application's own container.
	 * @param environment the environment
	 */
	static void warnIfNoneOnPlatform(Environment environment) {
		PLATFORM_VARIABLES.forEach((variable, platform) -> {
			if (isSet(environment, variable) && of(environment).isEmpty()) {
				logger.warn("No Kafka cluster is configured on " + platform + " (" + variable + " is set): the "
						+ "clients use Spring Boot's default bootstrap servers, localhost:9092, this container. Set "
						+ "karafka.bootstrap-servers (KARAFKA_BOOTSTRAP_SERVERS), KAFKA_URL on Heroku, or "
						+ "spring.kafka.bootstrap-servers.");
			}
		});
	}

	private static String quoted(String name) {
		return "'" + name + "'";
	}

	private static boolean isSet(Environment environment, String property) {
		return StringUtils.hasText(environment.getProperty(property));
	}

	private record SettingsOrigin(String settings) implements Origin {

		@Override
		public String toString() {
			return this.settings;
		}

	}

}
