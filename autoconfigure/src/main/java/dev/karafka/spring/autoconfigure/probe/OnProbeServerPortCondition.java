package dev.karafka.spring.autoconfigure.probe;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless the port of the probe server is negative, which Spring Boot reads as "no
 * HTTP server" ({@code management.server.port=-1}, {@code server.port=-1}).
 *
 * @author karafka-spring
 */
class OnProbeServerPortCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ProbeServerSettings settings = ProbeServerSettings.of(context.getEnvironment());
		ConditionMessage.Builder message = ConditionMessage.forCondition("Probe server port");
		if (settings.port() < 0) {
			return ConditionOutcome.noMatch(message.because(settings.portProperty() + " is " + settings.port()));
		}
		return ConditionOutcome.match(message.because(settings.portProperty() + " is " + settings.port()));
	}

}
