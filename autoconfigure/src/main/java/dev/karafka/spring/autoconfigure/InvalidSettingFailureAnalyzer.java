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
		return new FailureAnalysis("Invalid setting '" + cause.getSetting() + "': " + cause.getProblem() + ".",
				cause.getAction(), cause);
	}

}
