package dev.karafka.spring.autoconfigure;

import dev.karafka.spring.connection.InvalidSettingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidSettingException} at start-up: the setting at fault, what is
 * wrong and how to fix it.
 *
 * @author karafka-spring
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		String problem = cause.getProblem();
		String end = (problem.endsWith(".") || problem.endsWith("?")) ? "" : ".";
		return new FailureAnalysis("Invalid setting '" + cause.getSetting() + "': " + problem + end, cause.getAction(),
				cause);
	}

}
