package dev.karafka.spring.autoconfigure.diagnostics;

import dev.karafka.spring.diagnostics.hint.ClientLogHints;
import dev.karafka.spring.readiness.KafkaRetryLogFilter;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Adds {@link ClientLogHints} to the {@link KafkaRetryLogFilter}'s observers as soon as
 * this bean is created (so before {@code KafkaAdmin} creates the application's topics),
 * and removes them when the context closes.
 *
 * @author karafka-spring
 */
class ClientLogHintsRegistrar implements InitializingBean, DisposableBean {

	private final KafkaRetryLogFilter filter;

	private final ClientLogHints hints;

	ClientLogHintsRegistrar(KafkaRetryLogFilter filter, ClientLogHints hints) {
		this.filter = filter;
		this.hints = hints;
	}

	@Override
	public void afterPropertiesSet() {
		this.filter.addObserver(this.hints);
	}

	@Override
	public void destroy() {
		this.filter.removeObserver(this.hints);
	}

}
