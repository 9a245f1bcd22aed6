package dev.karafka.spring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Whether the starter was turned off, for the failure analyzers that run after the
 * context failed and must not name settings the starter did not read.
 *
 * @author karafka-spring
 */
final class StarterSwitch {

	private StarterSwitch() {
	}

	/**
	 * Return why the starter is off, or {@code null} if it is on.
	 * @param environment the application's environment
	 * @return {@code 'karafka.enabled' is false}, or that
	 * {@code spring.autoconfigure.exclude} names {@code KarafkaAutoConfiguration}, or
	 * {@code null}
	 */
	static @Nullable String offReason(Environment environment) {
		if (!environment.getProperty("karafka.enabled", Boolean.class, true)) {
			return "'karafka.enabled' is false";
		}
		List<String> excluded = Binder.get(environment)
			.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
			.orElse(List.of());
		return excluded.contains(KarafkaAutoConfiguration.class.getName())
				? "'spring.autoconfigure.exclude' names KarafkaAutoConfiguration" : null;
	}

}
