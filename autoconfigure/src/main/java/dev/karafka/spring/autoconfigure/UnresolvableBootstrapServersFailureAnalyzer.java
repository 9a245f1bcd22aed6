package dev.karafka.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.diagnostics.ClusterAccessFailure;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Reports a Kafka client that could not be created because none of its bootstrap servers
 * resolves in DNS (the Java client's {@code No resolvable bootstrap urls given in
 * bootstrap.servers}, thrown where librdkafka would keep retrying): names the settings
 * the bootstrap servers come from, strongest first, but not their values (a
 * {@code KAFKA_URL} may hold credentials); the client's own WARN before the report names
 * the hosts.
 *
 * @author karafka-spring
 */
class UnresolvableBootstrapServersFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

	private static final List<String> KARAFKA_MAPS = List.of("karafka.consumer.kafka", "karafka.producer.kafka",
			"karafka.kafka");

	private static final List<String> SPRING_PROPERTIES = List.of("spring.kafka.consumer.bootstrap-servers",
			"spring.kafka.producer.bootstrap-servers", "spring.kafka.admin.bootstrap-servers",
			"spring.kafka.bootstrap-servers");

	private final Environment environment;

	UnresolvableBootstrapServersFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
		if (!ClusterAccessFailure.isUnresolvableBootstrapServers(cause)) {
			return null;
		}
		List<String> sources = sources();
		String origin = sources.isEmpty() ? "'spring.kafka.bootstrap-servers' or a KafkaConnectionDetails bean"
				: String.join(", ", sources) + ((sources.size() > 1) ? " (strongest first)" : "");
		return new FailureAnalysis("A Kafka client could not be created: none of its bootstrap servers resolves in "
				+ "DNS (the client's WARN 'Couldn't resolve server' above names them). The bootstrap servers are set by "
				+ origin + ".",
				"Correct the host names in " + (sources.isEmpty() ? origin : sources.get(0)) + ". If they are right, "
						+ "this machine cannot resolve them yet (a Kubernetes Service or a cloud cluster still being "
						+ "created, a private DNS zone not attached to this network): check with 'getent hosts "
						+ "<host>' where the application runs. The Java client fails at once where librdkafka would "
						+ "keep retrying, so the application stops and its platform's restart policy retries it.",
				cause);
	}

	private List<String> sources() {
		List<String> sources = new ArrayList<>();
		if (StarterSwitch.offReason(this.environment) == null) {
			if (isSet("karafka.bootstrap-servers")) {
				sources.add(quoted("karafka.bootstrap-servers"));
			}
			for (String map : KARAFKA_MAPS) {
				Map<String, String> settings = Binder.get(this.environment)
					.bind(map, Bindable.mapOf(String.class, String.class))
					.orElse(Map.of());
				for (String key : List.of("bootstrap.servers", "metadata.broker.list")) {
					if (StringUtils.hasText(settings.get(key))) {
						sources.add(quoted(map + "[" + key + "]"));
					}
				}
			}
			String herokuUrl = this.environment.getProperty("karafka.heroku.env-prefix", "KAFKA") + "_URL";
			if (this.environment.getProperty("karafka.heroku.enabled", Boolean.class, true) && isSet(herokuUrl)) {
				sources.add(quoted(herokuUrl));
			}
		}
		SPRING_PROPERTIES.stream().filter(this::isSet).map(this::quoted).forEach(sources::add);
		return sources;
	}

	private String quoted(String name) {
		return "'" + name + "'";
	}

	private boolean isSet(String property) {
		return StringUtils.hasText(this.environment.getProperty(property));
	}

}
