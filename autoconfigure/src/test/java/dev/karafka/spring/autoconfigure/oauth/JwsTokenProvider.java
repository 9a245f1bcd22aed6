package dev.karafka.spring.autoconfigure.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import dev.karafka.spring.oauth.OAuthToken;
import dev.karafka.spring.oauth.OAuthTokenProvider;

/**
 * {@link OAuthTokenProvider} issuing unsecured JWS tokens (as accepted by the test
 * broker's OAUTHBEARER listener) that counts its calls and can be made to fail.
 *
 * @author karafka-spring
 */
class JwsTokenProvider implements OAuthTokenProvider {

	static final String HEADER = Base64.getUrlEncoder()
		.withoutPadding()
		.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

	private final String subject;

	private final Duration lifetime;

	private final AtomicInteger calls = new AtomicInteger();

	private volatile boolean failing;

	JwsTokenProvider(String subject, Duration lifetime) {
		this.subject = subject;
		this.lifetime = lifetime;
	}

	@Override
	public OAuthToken token() throws IOException {
		this.calls.incrementAndGet();
		if (this.failing) {
			throw new IOException("identity provider unreachable");
		}
		Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = issuedAt.plus(this.lifetime);
		String payload = "{\"sub\":\"" + this.subject + "\",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":"
				+ expiresAt.getEpochSecond() + "}";
		String token = HEADER + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
				+ ".";
		return new OAuthToken(token, expiresAt, this.subject);
	}

	int calls() {
		return this.calls.get();
	}

	void failing(boolean failing) {
		this.failing = failing;
	}

}
