package dev.karafka.spring.oauth;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Registration of an {@link OAuthTokenProvider} under a unique id, for Kafka clients
 * whose configuration can only hold strings: Spring Boot builds the {@code KafkaAdmin}
 * configuration from {@code KafkaProperties} alone, so its clients find the provider of
 * their application context through the id under
 * {@link OAuthTokenProviderLoginCallbackHandler#TOKEN_PROVIDER_CONFIG}. The registry is
 * static, but keyed by id: each application context registers its own provider and
 * closing the registration (when its context closes) removes it.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class OAuthTokenProviderRegistration implements AutoCloseable {

	private static final Map<String, OAuthTokenProvider> providers = new ConcurrentHashMap<>();

	private final String id;

	/**
	 * Register the given provider under a new id.
	 * @param provider the provider
	 */
	public OAuthTokenProviderRegistration(OAuthTokenProvider provider) {
		Assert.notNull(provider, "'provider' must not be null");
		this.id = UUID.randomUUID().toString();
		providers.put(this.id, provider);
	}

	/**
	 * Return the id of the registered provider.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Remove the provider from the registry. Clients that already found it keep using it.
	 */
	@Override
	public void close() {
		providers.remove(this.id);
	}

	static @Nullable OAuthTokenProvider find(String id) {
		return providers.get(id);
	}

}
