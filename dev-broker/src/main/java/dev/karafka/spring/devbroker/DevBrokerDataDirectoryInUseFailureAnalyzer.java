package dev.karafka.spring.devbroker;

import dev.karafka.spring.test.broker.BrokerDataDirectoryInUseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * An {@link AbstractFailureAnalyzer} for a development broker whose data directory the
 * development broker of another running application uses: most often a second instance of
 * the same application, started from the same directory.
 *
 * @author karafka-spring
 */
class DevBrokerDataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<BrokerDataDirectoryInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BrokerDataDirectoryInUseException cause) {
		return new FailureAnalysis(
				"The Kafka development broker failed to start. Its data directory " + cause.getDirectory()
						+ " is in use by the development broker of another running application (a "
						+ "second instance of this one, started from the same directory?). Nothing of it was changed.",
				"Stop the other application; or connect this one to the other's broker by setting "
						+ "'karafka.bootstrap-servers' to its address (the other application logged it: 'Started an "
						+ "in-process Kafka broker on localhost:<port>'); or start this one from another directory "
						+ "to give it a broker of its own.",
				cause);
	}

}
