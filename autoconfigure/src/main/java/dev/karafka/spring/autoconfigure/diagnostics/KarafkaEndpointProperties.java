package dev.karafka.spring.autoconfigure.diagnostics;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code karafka} endpoint, named as those of Spring
 * Boot's own endpoints ({@code management.endpoint.env.show-values}).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.karafka")
public class KarafkaEndpointProperties {

	/**
	 * When to show the values of client settings that no sanitizing function masks.
	 * Secrets (passwords, keys, tokens, JAAS configurations) stay masked.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles used to determine whether a user is authorized to be shown unsanitized
	 * values. When empty, all authenticated users are authorized.
	 */
	private final Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

}
