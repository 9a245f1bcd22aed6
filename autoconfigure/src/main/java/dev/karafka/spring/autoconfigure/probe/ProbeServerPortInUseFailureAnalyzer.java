package dev.karafka.spring.autoconfigure.probe;

import dev.karafka.spring.probe.ProbeServerPortInUseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link ProbeServerPortInUseException} at start-up: the port, the property it
 * comes from, and how to free it or choose another.
 *
 * @author karafka-spring
 */
class ProbeServerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<ProbeServerPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ProbeServerPortInUseException cause) {
		int port = cause.getPort();
		String property = cause.getPortProperty();
		return new FailureAnalysis(
				"The probe server (health and Prometheus endpoints) failed to start. Port " + port + " (" + property
						+ ") was already in use.",
				"Identify and stop the process that's listening on port " + port + ", or set '" + property
						+ "' to a free port. A second process of the application next to a running consumer "
						+ "(a one-off task, a console) should run with 'karafka.server.enabled=false', which binds "
						+ "no port; 'karafka.probes.enabled=false' turns the probe server off.",
				cause);
	}

}
