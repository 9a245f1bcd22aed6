package dev.karafka.spring.autoconfigure.health;

import ch.qos.logback.classic.LoggerContext;
import dev.karafka.spring.readiness.KafkaRetryLogFilter;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Adds a {@link KafkaRetryLogFilter} to Logback's logger context as soon as this bean is
 * created (so before {@code KafkaAdmin} creates the application's topics, which may retry
 * an unreachable cluster for a while), and removes it when the context closes.
 *
 * @author karafka-spring
 */
class KafkaRetryLogFilterRegistrar implements InitializingBean, DisposableBean {

	private final KafkaRetryLogFilter filter;

	KafkaRetryLogFilterRegistrar(KafkaRetryLogFilter filter) {
		this.filter = filter;
	}

	@Override
	public void afterPropertiesSet() {
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
