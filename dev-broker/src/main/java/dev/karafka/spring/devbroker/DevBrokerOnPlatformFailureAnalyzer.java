package dev.karafka.spring.devbroker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link DevBrokerOnPlatformException}: the cluster settings a deployment
 * lacks, and how to run the development broker there on purpose.
 */
class DevBrokerOnPlatformFailureAnalyzer extends AbstractFailureAnalyzer<DevBrokerOnPlatformException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DevBrokerOnPlatformException cause) {
		return new FailureAnalysis(
				"No Kafka bootstrap servers are configured, and the application runs on " + cause.getPlatform() + " ("
						+ cause.getVariable() + " is set): the in-process development broker "
						+ "does not start there unasked, since its records would be lost with the process.",
				"Give the cluster: 'karafka.bootstrap-servers' (KARAFKA_BOOTSTRAP_SERVERS), KAFKA_URL or "
						+ "'spring.kafka.bootstrap-servers'; or leave the development broker out of the deployed "
						+ "artifact; or set 'karafka.dev-broker.enabled=true' to run it there on purpose.",
				cause);
	}

}
