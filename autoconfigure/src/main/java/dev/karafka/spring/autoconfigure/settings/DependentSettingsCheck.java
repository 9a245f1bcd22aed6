package dev.karafka.spring.autoconfigure.settings;

import dev.karafka.spring.connection.InvalidSettingException;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Refuses, before any bean is created, a feature switched on whose prerequisite is
 * switched off, rather than leaving the feature silently off: supervised mode
 * ({@code karafka.supervision.enabled}) acts on the consumer threads that liveness
 * tracking follows and reports through the {@code karafka} liveness contributor, so it
 * needs {@code karafka.liveness.enabled} and {@code management.health.karafka.enabled}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class DependentSettingsCheck implements BeanFactoryPostProcessor {

	private final Environment environment;

	/**
	 * Create a new instance.
	 * @param environment the environment whose settings are checked
	 */
	public DependentSettingsCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!isTrue("karafka.supervision.enabled", false)) {
			return;
		}
		if (!isTrue("karafka.liveness.enabled", true)) {
			throw new InvalidSettingException("karafka.supervision.enabled",
					"supervised mode needs karafka.liveness.enabled, which is false: the supervisor restarts the "
							+ "listener containers whose consumer threads liveness tracking finds at fault",
					"Remove karafka.liveness.enabled=false, or karafka.supervision.enabled=true.");
		}
		if (!isTrue("management.health.karafka.enabled", isTrue("management.health.defaults.enabled", true))) {
			throw new InvalidSettingException("karafka.supervision.enabled",
					"supervised mode needs the 'karafka' liveness contributor, which management.health.karafka.enabled "
							+ "(or management.health.defaults.enabled) switches off: it reports a container the "
							+ "supervisor gives up, and keeps a worker alive until the supervisor restarts it",
					"Remove management.health.karafka.enabled=false, or karafka.supervision.enabled=true.");
		}
	}

	private boolean isTrue(String property, boolean defaultValue) {
		return this.environment.getProperty(property, Boolean.class, defaultValue);
	}

}
