package dev.karafka.spring.autoconfigure.health;

import ch.qos.logback.classic.LoggerContext;
import dev.karafka.spring.readiness.KafkaRetryLogFilter;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds a {@link KafkaRetryLogFilter} to Logback's logger context once the application's
 * logging is set up, and removes it when the context closes.
 *
 * @author karafka-spring
 */
class KafkaRetryLogFilterRegistrar implements SmartInitializingSingleton, DisposableBean {

	private final KafkaRetryLogFilter filter;

	KafkaRetryLogFilterRegistrar(KafkaRetryLogFilter filter) {
		this.filter = filter;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			this.filter.setContext(context);
			this.filter.start();
			context.addTurboFilter(this.filter);
		}
	}

	@Override
	public void destroy() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getTurboFilterList().remove(this.filter);
		}
		this.filter.stop();
	}

}
