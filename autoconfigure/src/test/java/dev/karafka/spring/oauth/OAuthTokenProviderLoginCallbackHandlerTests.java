package dev.karafka.spring.oauth;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;

import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link OAuthTokenProviderLoginCallbackHandler}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthTokenProviderLoginCallbackHandlerTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private static final Instant EXPIRY = NOW.plusSeconds(300);

	private final OAuthTokenProviderLoginCallbackHandler handler = new OAuthTokenProviderLoginCallbackHandler(
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void tokenOfTheProviderAnswersTheTokenCallback() throws Exception {
		configure(() -> new OAuthToken("secret-token", EXPIRY, "alice", Set.of("kafka"), Map.of()));
		OAuthBearerToken token = requestToken().token();
		assertThat(token.value()).isEqualTo("secret-token");
		assertThat(token.principalName()).isEqualTo("alice");
		assertThat(token.lifetimeMs()).isEqualTo(EXPIRY.toEpochMilli());
		assertThat(token.startTimeMs()).isEqualTo(NOW.toEpochMilli());
		assertThat(token.scope()).containsExactly("kafka");
		assertThat(token).hasToString(
				"OAuthToken[principalName=alice, expiresAt=2026-01-01T10:05:00Z, scopes=[kafka], extensions=[]]");
	}

	@Test
	void providerIsCalledForEveryTokenRequest() throws Exception {
		int[] calls = new int[1];
		configure(() -> new OAuthToken("token-" + (++calls[0]), EXPIRY, "alice"));
		assertThat(requestToken().token().value()).isEqualTo("token-1");
		assertThat(requestToken().token().value()).isEqualTo("token-2");
	}

	@Test
	void extensionsOfTheTokenAnswerTheExtensionsCallback() throws Exception {
		configure(() -> new OAuthToken("token", EXPIRY, "alice", Set.of(), Map.of("logicalCluster", "lkc-1")));
		requestToken();
		SaslExtensionsCallback callback = new SaslExtensionsCallback();
		this.handler.handle(new Callback[] { callback });
		assertThat(callback.extensions().map()).containsExactly(Map.entry("logicalCluster", "lkc-1"));
	}

	@Test
	void failingProviderFailsTheCallbackWithItsMessageAndLogsIt(CapturedOutput output) throws Exception {
		configure(() -> {
			throw new IOException("identity provider unreachable");
		});
		OAuthBearerTokenCallback callback = requestToken();
		assertThat(callback.token()).isNull();
		assertThat(callback.errorCode()).isEqualTo("token_provider_failure");
		assertThat(callback.errorDescription()).isEqualTo("identity provider unreachable");
		assertThat(output).contains("OAuth token provider could not provide a token: identity provider unreachable");
	}

	@Test
	void tokenValueIsNeverLogged(CapturedOutput output) throws Exception {
		configure(() -> new OAuthToken("secret-token", EXPIRY, "alice"));
		requestToken();
		assertThat(output).doesNotContain("secret-token");
	}

	@Test
	void registeredProviderIsFoundByItsId() throws Exception {
		try (OAuthTokenProviderRegistration registration = new OAuthTokenProviderRegistration(
				() -> new OAuthToken("registered", EXPIRY, "bob"))) {
			this.handler.configure(
					Map.of(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, registration.getId()),
					"OAUTHBEARER", List.of());
			assertThat(requestToken().token().principalName()).isEqualTo("bob");
		}
	}

	@Test
	void closedRegistrationIsNotFound() {
		OAuthTokenProviderRegistration registration = new OAuthTokenProviderRegistration(
				() -> new OAuthToken("registered", EXPIRY, "bob"));
		registration.close();
		assertThatIllegalArgumentException().isThrownBy(() -> this.handler.configure(
				Map.of(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, registration.getId()),
				"OAUTHBEARER", List.of()))
			.withMessageContaining("No OAuthTokenProvider found");
	}

	@Test
	void configurationWithoutProviderIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.handler.configure(Map.of(), "OAUTHBEARER", List.of()))
			.withMessageContaining(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG);
	}

	@Test
	void otherMechanismIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.handler.configure(
						Map.of(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG,
								(OAuthTokenProvider) () -> new OAuthToken("token", EXPIRY, "alice")),
						"PLAIN", List.of()))
			.withMessageContaining("OAUTHBEARER");
	}

	@Test
	void otherCallbacksAreUnsupported() throws Exception {
		configure(() -> new OAuthToken("token", EXPIRY, "alice"));
		assertThatThrownBy(() -> this.handler.handle(new Callback[] { new NameCallback("name") }))
			.isInstanceOf(UnsupportedCallbackException.class);
	}

	@Test
	void tokenToStringLeavesTheValueOut() {
		assertThat(new OAuthToken("secret-token", EXPIRY, "alice").toString()).doesNotContain("secret-token")
			.contains("alice");
	}

	private void configure(OAuthTokenProvider provider) {
		this.handler.configure(Map.of(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, provider),
				"OAUTHBEARER", List.of());
	}

	private OAuthBearerTokenCallback requestToken() throws Exception {
		OAuthBearerTokenCallback callback = new OAuthBearerTokenCallback();
		this.handler.handle(new Callback[] { callback });
		return callback;
	}

}
