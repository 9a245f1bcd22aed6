package dev.karafka.spring.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Puts the {@code karafka} health contributor in the Kubernetes {@code liveness} group
 * and the {@code kafka} and {@code deadLetterQueue} contributors in the {@code readiness}
 * group, with details shown so that a probe's response tells why. These are defaults of
 * the lowest precedence: any group setting of the application wins.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaHealthGroupsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String PROPERTY_SOURCE_NAME = "karafkaHealthGroups";

	private static final String GROUP = "management.endpoint.health.group.";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (!isPresent("org.springframework.boot.health.contributor.AbstractHealthIndicator", classLoader)
				|| !isPresent("org.springframework.kafka.core.KafkaTemplate", classLoader)
				|| !isEnabled(environment, "karafka.enabled")) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (isEnabled(environment, "karafka.liveness.enabled") && isHealthIndicatorEnabled(environment, "karafka")) {
			defaults.put(GROUP + "liveness.include", "livenessState,karafka");
			defaults.put(GROUP + "liveness.show-details", "always");
		}
		if (isEnabled(environment, "karafka.readiness.enabled") && isHealthIndicatorEnabled(environment, "kafka")) {
			defaults.put(GROUP + "readiness.include", isHealthIndicatorEnabled(environment, "deadletterqueue")
					? "readinessState,kafka,deadLetterQueue" : "readinessState,kafka");
			defaults.put(GROUP + "readiness.show-details", "always");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	private static boolean isPresent(String className, ClassLoader classLoader) {
		return ClassUtils.isPresent(className, classLoader);
	}

	private static boolean isHealthIndicatorEnabled(Environment environment, String name) {
		boolean defaultEnabled = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		return environment.getProperty("management.health." + name + ".enabled", Boolean.class, defaultEnabled);
	}

	private static boolean isEnabled(Environment environment, String property) {
		return environment.getProperty(property, Boolean.class, true);
	}

}
