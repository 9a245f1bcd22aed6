package dev.karafka.spring.autoconfigure.settings;

import java.util.ArrayList;
import java.util.List;

import dev.karafka.spring.connection.InvalidSettingException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fails start-up when a {@code karafka.*} switch that turns a feature on or off is
 * neither {@code true} nor {@code false} (in any letter case). Spring Boot's
 * {@code @ConditionalOnBooleanProperty} reads only {@code true} as on, while its binder
 * also reads {@code yes}, {@code on} and {@code 1} as true: with such a value, a feature
 * would be off while the rest of the application takes it for on, and start-up would fail
 * later with a report that does not name the setting. {@code karafka.cluster-info} is
 * checked with them (no value there means {@code true}), so that one report names every
 * invalid switch.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaSwitchesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String CLUSTER_INFO = "karafka.cluster-info";

	/**
	 * The switches that the starter's auto-configurations read as conditions.
	 */
	static final List<String> SWITCHES = List.of("karafka.enabled", "karafka.liveness.enabled",
			"karafka.readiness.enabled", "karafka.probes.enabled", "karafka.server.enabled",
			"karafka.supervision.enabled", "karafka.heroku.enabled", "karafka.dev-broker.enabled");

	/**
	 * Before the other environment post-processors of the starter, which read the
	 * switches.
	 * @return one less than {@link Ordered#LOWEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<InvalidSettingException> failures = new ArrayList<>();
		for (String name : SWITCHES) {
			String value = environment.getProperty(name);
			if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
				failures.add(new InvalidSettingException(name,
						(value.isBlank() ? "it is empty" : "'" + value.strip() + "' is neither true nor false")
								+ from(environment, name),
						"Set it to true or false, or remove it for its default. Spring Boot's conditions read only "
								+ "'true' as on: yes, on or 1 would switch the feature off."));
			}
		}
		String clusterInfo = environment.getProperty(CLUSTER_INFO);
		if (clusterInfo != null && !clusterInfo.isBlank() && !clusterInfo.strip().equalsIgnoreCase("true")
				&& !clusterInfo.strip().equalsIgnoreCase("false")) {
			failures.add(new InvalidSettingException(CLUSTER_INFO,
					"'" + clusterInfo.strip() + "' is neither true nor false" + from(environment, CLUSTER_INFO),
					"Accepted values are true (or no value: --karafka.cluster-info) to print the cluster info and "
							+ "exit, and false to run the application."));
		}
		InvalidSettingException.throwAll(failures);
	}

	private static String from(ConfigurableEnvironment environment, String setting) {
		Origin origin = SettingOrigins.find(environment, setting);
		return (origin != null) ? " (from " + origin + ")" : "";
	}

}
