package dev.karafka.spring.oauth;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * OAUTHBEARER token given by an {@link OAuthTokenProvider}. Its {@link #toString()}
 * leaves the token value out.
 *
 * @param value the token, as sent to the brokers (usually a JWT)
 * @param expiresAt when the token expires
 * @param principalName the name of the principal the token was issued to
 * @param scopes the scopes of the token, possibly empty
 * @param extensions the SASL extensions to send with the token, possibly empty
 * @author karafka-spring
 * @since 0.1.0
 */
public record OAuthToken(String value, Instant expiresAt, String principalName, Set<String> scopes,
		Map<String, String> extensions) {

	/**
	 * Create a new instance.
	 * @param value the token, as sent to the brokers (usually a JWT)
	 * @param expiresAt when the token expires
	 * @param principalName the name of the principal the token was issued to
	 * @param scopes the scopes of the token, possibly empty
	 * @param extensions the SASL extensions to send with the token, possibly empty
	 */
	public OAuthToken {
		Assert.hasText(value, "'value' must not be empty");
		Assert.notNull(expiresAt, "'expiresAt' must not be null");
		Assert.hasText(principalName, "'principalName' must not be empty");
		scopes = Set.copyOf(scopes);
		extensions = Map.copyOf(extensions);
	}

	/**
	 * Create a new instance without scopes and extensions.
	 * @param value the token, as sent to the brokers (usually a JWT)
	 * @param expiresAt when the token expires
	 * @param principalName the name of the principal the token was issued to
	 */
	public OAuthToken(String value, Instant expiresAt, String principalName) {
		this(value, expiresAt, principalName, Set.of(), Map.of());
	}

	@Override
	public String toString() {
		return "OAuthToken[principalName=" + this.principalName + ", expiresAt=" + this.expiresAt + ", scopes="
				+ this.scopes + ", extensions=" + this.extensions.keySet() + "]";
	}

}
