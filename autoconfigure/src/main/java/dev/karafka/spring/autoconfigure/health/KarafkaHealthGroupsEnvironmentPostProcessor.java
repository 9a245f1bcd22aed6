package dev.karafka.spring.autoconfigure.health;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.deadletter.KarafkaDeadLetterQueueAutoConfiguration;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Puts the {@code karafka} health contributor in the Kubernetes {@code liveness} group
 * and the {@code kafka} and {@code deadLetterQueue} contributors in the {@code readiness}
 * group, with details shown so that a probe's response tells why. These are defaults of
 * the lowest precedence: any group setting of the application wins. A contributor whose
 * auto-configuration the application excludes ({@code spring.autoconfigure.exclude} or
 * the {@code exclude} of its {@code @SpringBootApplication} or
 * {@code @EnableAutoConfiguration}) is left out, so that Boot's check of group members
 * does not fail the start.
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
		Set<String> excluded = excludedAutoConfigurations(environment, application);
		if (excluded.contains(KarafkaAutoConfiguration.class.getName())) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (isEnabled(environment, "karafka.liveness.enabled") && isHealthIndicatorEnabled(environment, "karafka")
				&& !excluded.contains(KarafkaLivenessAutoConfiguration.class.getName())) {
			defaults.put(GROUP + "liveness.include", "livenessState,karafka");
			defaults.put(GROUP + "liveness.show-details", "always");
		}
		if (isEnabled(environment, "karafka.readiness.enabled") && isHealthIndicatorEnabled(environment, "kafka")
				&& !excluded.contains(KarafkaReadinessAutoConfiguration.class.getName())) {
			boolean deadLetterQueue = isHealthIndicatorEnabled(environment, "deadletterqueue")
					&& !excluded.contains(KarafkaDeadLetterQueueAutoConfiguration.class.getName());
			defaults.put(GROUP + "readiness.include",
					deadLetterQueue ? "readinessState,kafka,deadLetterQueue" : "readinessState,kafka");
			defaults.put(GROUP + "readiness.show-details", "always");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	/**
	 * The auto-configurations the application excludes, read as Boot's
	 * {@code AutoConfigurationImportSelector} reads them: the
	 * {@code spring.autoconfigure.exclude} property and the {@code exclude} and
	 * {@code excludeName} of {@code @EnableAutoConfiguration} on the primary sources.
	 */
	private static Set<String> excludedAutoConfigurations(ConfigurableEnvironment environment,
			SpringApplication application) {
		Set<String> excluded = new HashSet<>(Binder.get(environment)
			.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
			.orElse(List.of()));
		for (Object source : application.getAllSources()) {
			if (source instanceof Class<?> type) {
				MergedAnnotation<EnableAutoConfiguration> enableAutoConfiguration = MergedAnnotations
					.from(type, SearchStrategy.TYPE_HIERARCHY)
					.get(EnableAutoConfiguration.class);
				if (enableAutoConfiguration.isPresent()) {
					excluded.addAll(List.of(enableAutoConfiguration.getStringArray("excludeName")));
					for (Class<?> exclude : enableAutoConfiguration.getClassArray("exclude")) {
						excluded.add(exclude.getName());
					}
				}
			}
		}
		return excluded;
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
