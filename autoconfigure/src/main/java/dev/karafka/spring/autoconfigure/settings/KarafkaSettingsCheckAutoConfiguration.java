package dev.karafka.spring.autoconfigure.settings;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that refuses unknown {@code karafka.*} settings at start-up, as
 * Karafka refuses unknown settings, so that a misspelt name is a report rather than a
 * default silently kept, and features switched on without their prerequisite.
 *
 * @author karafka-spring
 * @since 0.1.0
 * @see UnknownSettingsCheck
 * @see DependentSettingsCheck
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
public final class KarafkaSettingsCheckAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static UnknownSettingsCheck karafkaUnknownSettingsCheck(Environment environment) {
		return new UnknownSettingsCheck(environment);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DependentSettingsCheck karafkaDependentSettingsCheck(Environment environment) {
		return new DependentSettingsCheck(environment);
	}

}
