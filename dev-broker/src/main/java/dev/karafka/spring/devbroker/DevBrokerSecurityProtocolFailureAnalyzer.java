package dev.karafka.spring.devbroker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link DevBrokerSecurityProtocolException}: names the security setting and
 * the ways to either reach the cluster it is meant for or develop on the development
 * broker.
 */
class DevBrokerSecurityProtocolFailureAnalyzer extends AbstractFailureAnalyzer<DevBrokerSecurityProtocolException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DevBrokerSecurityProtocolException cause) {
		return new FailureAnalysis("No Kafka bootstrap servers are configured, so the in-process development broker "
				+ "would start, but '" + cause.getSetting() + "' is " + cause.getProtocol()
				+ " and the development broker serves PLAINTEXT only: these settings are meant for a real cluster.",
				"Set 'karafka.bootstrap-servers' (or 'spring.kafka.bootstrap-servers', or KAFKA_URL) to the cluster the "
						+ "security settings are for, or remove '" + cause.getSetting()
						+ "' where you develop on the development broker (for example in a profile).",
				cause);
	}

}
