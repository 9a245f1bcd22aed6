package dev.karafka.spring.autoconfigure.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the one-off commands, {@code --karafka.cluster-info} (with no value or
 * {@code true}) and {@code --karafka.dead-letter-replay.topic=<topic>}, into a one-off
 * run: no listener container starts, no web server, no probe server and no development
 * broker listen (when no cluster is configured, the command connects to the development
 * broker of the running application, on {@code karafka.dev-broker.port}), and logging
 * stays at WARN unless the application sets its own levels, so the output is the
 * command's. A value of {@code karafka.cluster-info} other than {@code true},
 * {@code false} or none is refused before, with the starter's other switches.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class OneOffCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String CLUSTER_INFO = "karafka.cluster-info";

	private static final String DEAD_LETTER_REPLAY = "karafka.dead-letter-replay.topic";

	/**
	 * Property of the development broker's auto-configuration: connect to the running
	 * application's development broker instead of starting one.
	 */
	private static final String DEV_BROKER_ATTACH = "karafka.dev-broker.attach";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean clusterInfo = isClusterInfo(environment);
		if (!clusterInfo && !environment.containsProperty(DEAD_LETTER_REPLAY)) {
			return;
		}
		Map<String, Object> forced = new LinkedHashMap<>();
		if (clusterInfo) {
			forced.put(CLUSTER_INFO, "true");
		}
		forced.put("karafka.server.enabled", "false");
		forced.put("karafka.probes.enabled", "false");
		forced.put(DEV_BROKER_ATTACH, "true");
		forced.put("spring.kafka.listener.auto-startup", "false");
		forced.put("spring.kafka.admin.auto-create", "false");
		forced.put("spring.main.web-application-type", "none");
		environment.getPropertySources().addFirst(new MapPropertySource("karafkaOneOffCommand", forced));
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("logging.level.root", "warn");
		defaults.put("logging.level.org.apache.kafka", "error");
		environment.getPropertySources().addLast(new MapPropertySource("karafkaOneOffCommandDefaults", defaults));
	}

	private static boolean isClusterInfo(ConfigurableEnvironment environment) {
		String value = environment.getProperty(CLUSTER_INFO);
		return value != null && !value.strip().equalsIgnoreCase("false");
	}

}
