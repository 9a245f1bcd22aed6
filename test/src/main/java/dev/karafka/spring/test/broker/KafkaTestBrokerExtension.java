package dev.karafka.spring.test.broker;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that injects the {@link KafkaTestBroker#shared() shared}
 * {@link KafkaTestBroker} into constructor and method parameters of that type.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KafkaTestBrokerExtension implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == KafkaTestBroker.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return KafkaTestBroker.shared();
	}

}
