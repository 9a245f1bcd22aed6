package dev.karafka.spring.oauth;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.jspecify.annotations.Nullable;

/**
 * Kafka login callback handler ({@code sasl.login.callback.handler.class}) that answers
 * OAUTHBEARER token requests with the tokens of an {@link OAuthTokenProvider}. The
 * provider is read from the client configuration entry {@link #TOKEN_PROVIDER_CONFIG}:
 * either the provider itself or the id of its {@link OAuthTokenProviderRegistration}.
 * When the provider fails, the login fails with the provider's message, which is also
 * logged at WARN; token values are never logged.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class OAuthTokenProviderLoginCallbackHandler implements AuthenticateCallbackHandler {

	/**
	 * Client configuration entry holding the {@link OAuthTokenProvider}, or the id of its
	 * {@link OAuthTokenProviderRegistration}. Its name starts with {@code sasl.} so that
	 * Kafka never shares a login between clients with different providers.
	 */
	public static final String TOKEN_PROVIDER_CONFIG = "sasl.login.karafka.token.provider";

	private static final Log logger = LogFactory.getLog(OAuthTokenProviderLoginCallbackHandler.class);

	private static final String ERROR_CODE = "token_provider_failure";

	private final Clock clock;

	private @Nullable OAuthTokenProvider provider;

	private volatile SaslExtensions extensions = SaslExtensions.empty();

	/**
	 * Create a new instance, as Kafka does.
	 */
	public OAuthTokenProviderLoginCallbackHandler() {
		this(Clock.systemUTC());
	}

	OAuthTokenProviderLoginCallbackHandler(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
		if (!OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(saslMechanism)) {
			throw new IllegalArgumentException("SASL mechanism must be " + OAuthBearerLoginModule.OAUTHBEARER_MECHANISM
					+ " for an OAuth token provider, not " + saslMechanism);
		}
		this.provider = findProvider(configs.get(TOKEN_PROVIDER_CONFIG));
	}

	private OAuthTokenProvider findProvider(@Nullable Object value) {
		if (value instanceof OAuthTokenProvider tokenProvider) {
			return tokenProvider;
		}
		OAuthTokenProvider registered = (value instanceof String id) ? OAuthTokenProviderRegistration.find(id) : null;
		if (registered == null) {
			throw new IllegalArgumentException("No OAuthTokenProvider found in client configuration '"
					+ TOKEN_PROVIDER_CONFIG + "': put the provider there, or the id of its registration while its "
					+ "application context is open");
		}
		return registered;
	}

	@Override
	public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
		for (Callback callback : callbacks) {
			if (callback instanceof OAuthBearerTokenCallback tokenCallback) {
				handleToken(tokenCallback);
			}
			else if (callback instanceof SaslExtensionsCallback extensionsCallback) {
				extensionsCallback.extensions(this.extensions);
			}
			else {
				throw new UnsupportedCallbackException(callback);
			}
		}
	}

	private void handleToken(OAuthBearerTokenCallback callback) {
		if (this.provider == null) {
			throw new IllegalStateException("Login callback handler has not been configured");
		}
		try {
			OAuthToken token = this.provider.token();
			this.extensions = new SaslExtensions(token.extensions());
			callback.token(new ProvidedToken(token, this.clock.millis()));
		}
		catch (Exception ex) {
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
			logger.warn("OAuth token provider could not provide a token: " + reason);
			callback.error(ERROR_CODE, reason, null);
		}
	}

	@Override
	public void close() {
	}

	private record ProvidedToken(OAuthToken token, Long startTimeMs) implements OAuthBearerToken {

		@Override
		public String value() {
			return this.token.value();
		}

		@Override
		public Set<String> scope() {
			return this.token.scopes();
		}

		@Override
		public long lifetimeMs() {
			return this.token.expiresAt().toEpochMilli();
		}

		@Override
		public String principalName() {
			return this.token.principalName();
		}

		@Override
		public String toString() {
			return this.token.toString();
		}

	}

}
