package dev.karafka.spring.oauth;

/**
 * Callback interface for providing the OAUTHBEARER tokens of Kafka clients, as the token
 * provider listener of Karafka. Kafka calls it at login and again before each token
 * expires (following the client's {@code sasl.login.refresh.*} settings).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@FunctionalInterface
public interface OAuthTokenProvider {

	/**
	 * Return a new token.
	 * @return the token
	 * @throws Exception if no token could be obtained: the client reports the failure
	 * with the exception's message, which must not contain secrets, and tries again later
	 */
	OAuthToken token() throws Exception;

}
