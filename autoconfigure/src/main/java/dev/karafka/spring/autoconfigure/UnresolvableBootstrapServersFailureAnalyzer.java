package dev.karafka.spring.autoconfigure;

import java.util.List;

import dev.karafka.spring.diagnostics.ClusterAccessFailure;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports a Kafka client that could not be created because none of its bootstrap servers
 * resolves in DNS (the Java client's {@code No resolvable bootstrap urls given in
 * bootstrap.servers}, thrown where librdkafka would keep retrying): names the settings
 * the bootstrap servers come from, strongest first, but not their values (a
 * {@code KAFKA_URL} may hold credentials); the client's own WARN before the report names
 * the hosts. A server the client cannot parse ({@code Invalid url in bootstrap.servers}:
 * a host with characters other than ASCII letters, digits, '.', '-' and '_', no port) is
 * reported the same way.
 *
 * @author karafka-spring
 */
class UnresolvableBootstrapServersFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

	private static final String INVALID_URL = "Invalid url in bootstrap.servers";

	private final Environment environment;

	UnresolvableBootstrapServersFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
		boolean invalid = String.valueOf(cause.getMessage()).startsWith(INVALID_URL);
		if (!invalid && !ClusterAccessFailure.isUnresolvableBootstrapServers(cause)) {
			return null;
		}
		List<String> sources = BootstrapServerSources.of(this.environment);
		String origin = sources.isEmpty() ? "'spring.kafka.bootstrap-servers' or a KafkaConnectionDetails bean"
				: BootstrapServerSources.describe(sources);
		if (invalid) {
			return new FailureAnalysis(
					"A Kafka client could not be created: one of its bootstrap servers is not "
							+ "host:port with a host the client accepts (the client's '" + INVALID_URL
							+ "'). The bootstrap servers are set by " + origin + ".",
					"Correct the server in " + (sources.isEmpty() ? origin : sources.get(0)) + ": host:port, the host "
							+ "written with ASCII letters, digits, '.', '-' and '_' only (a look-alike letter from "
							+ "another alphabet is a common cause; an internationalized domain name goes in its ASCII "
							+ "form, xn--...).",
					cause);
		}
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

}
