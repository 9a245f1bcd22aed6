package dev.karafka.spring.devbroker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code FailureAnalyzer} that performs analysis of failures caused by a
 * {@link DevBrokerPortInUseException}.
 */
class DevBrokerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<DevBrokerPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DevBrokerPortInUseException cause) {
		int port = cause.getPort();
		return new FailureAnalysis(
				"The Kafka development broker failed to start. Port " + port
						+ " (karafka.dev-broker.port) was already in use.",
				"Identify and stop the process that's listening on port " + port
						+ " (if it is another instance of this application, connect this one to its development "
						+ "broker instead: 'karafka.bootstrap-servers=localhost:" + port + "'), set "
						+ "'karafka.dev-broker.port' to a free port (a broker of its own also needs another working "
						+ "directory), or connect to a real Kafka cluster by setting 'karafka.bootstrap-servers' or "
						+ "'spring.kafka.bootstrap-servers'.",
				cause);
	}

}
