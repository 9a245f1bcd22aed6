package dev.karafka.spring.autoconfigure.oauth;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.ClientType;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.oauth.OAuthTokenProviderLoginCallbackHandler;
import dev.karafka.spring.oauth.OAuthTokenProviderRegistration;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Points the OAUTHBEARER clients of Boot's {@link KafkaProperties} that have no token
 * source of Kafka's own (a login callback handler, an OIDC token endpoint or the
 * unsecured login options of development setups) at the
 * {@link OAuthTokenProviderLoginCallbackHandler}, or fails when no token provider is
 * registered; Kafka Streams included. The effective settings of each client are those of
 * {@link KafkaProperties} overridden by the karafka settings, whichever post-processor
 * applies them first.
 *
 * @author karafka-spring
 */
class OAuthKafkaPropertiesPostProcessor implements BeanPostProcessor {

	private static final String UNSECURED_LOGIN_OPTION = "unsecuredLogin";

	private static final List<String> STREAMS_CLIENT_PREFIXES = List.of("consumer.", "producer.", "admin.");

	private static final String JAAS_CONFIG = OAuthBearerLoginModule.class.getName() + " required;";

	private final ObjectProvider<ClientSettings> settings;

	private final ObjectProvider<OAuthTokenProviderRegistration> registration;

	OAuthKafkaPropertiesPostProcessor(ObjectProvider<ClientSettings> settings,
			ObjectProvider<OAuthTokenProviderRegistration> registration) {
		this.settings = settings;
		this.registration = registration;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaProperties properties) {
			ClientSettings settings = this.settings.getObject();
			apply(effective(properties.buildConsumerProperties(), settings, ClientType.CONSUMER),
					properties.getConsumer().getProperties());
			apply(effective(properties.buildProducerProperties(), settings, ClientType.PRODUCER),
					properties.getProducer().getProperties());
			apply(effective(properties.buildAdminProperties(), settings, ClientType.ADMIN),
					properties.getAdmin().getProperties());
			applyToStreams(properties, settings);
		}
		return bean;
	}

	/**
	 * Kafka Streams passes a setting no client knows to its clients only under their
	 * prefixes, so the token provider goes under each of them.
	 */
	private void applyToStreams(KafkaProperties properties, ClientSettings settings) {
		Map<String, Object> effective = new HashMap<>(properties.buildStreamsProperties());
		effective.putAll(settings.properties());
		Map<String, String> streams = new LinkedHashMap<>();
		apply(effective, streams);
		String provider = streams.remove(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG);
		if (provider != null) {
			for (String client : STREAMS_CLIENT_PREFIXES) {
				streams.put(client + OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, provider);
			}
		}
		properties.getStreams().getProperties().putAll(streams);
	}

	private boolean hasOwnTokenSource(Map<String, Object> effective) {
		return effective.containsKey(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS)
				|| effective.containsKey(SaslConfigs.SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL)
				|| String.valueOf(effective.get(SaslConfigs.SASL_JAAS_CONFIG)).contains(UNSECURED_LOGIN_OPTION);
	}

	private Map<String, Object> effective(Map<String, Object> properties, ClientSettings settings,
			ClientType clientType) {
		Map<String, Object> effective = new HashMap<>(properties);
		effective.putAll(settings.propertiesFor(clientType));
		return effective;
	}

	private void apply(Map<String, Object> effective, Map<String, String> clientProperties) {
		if (!OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(effective.get(SaslConfigs.SASL_MECHANISM))
				|| hasOwnTokenSource(effective)) {
			return;
		}
		OAuthTokenProviderRegistration registration = this.registration.getIfAvailable();
		if (registration == null) {
			throw new InvalidSettingException(SaslConfigs.SASL_MECHANISM,
					"SASL mechanism OAUTHBEARER needs a source of tokens, and none is given",
					"Add a bean of type dev.karafka.spring.oauth.OAuthTokenProvider that returns the tokens, "
							+ "for example '@Bean OAuthTokenProvider tokenProvider() { return () -> new "
							+ "OAuthToken(value, expiresAt, principalName); }'. Or, to use Kafka's OIDC login, set "
							+ "'sasl.oauthbearer.method' to 'oidc' with 'sasl.oauthbearer.token.endpoint.url', "
							+ "'sasl.oauthbearer.client.id' and 'sasl.oauthbearer.client.secret' in 'karafka.kafka'.");
		}
		clientProperties.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS,
				OAuthTokenProviderLoginCallbackHandler.class.getName());
		clientProperties.put(OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG, registration.getId());
		if (!effective.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
			clientProperties.put(SaslConfigs.SASL_JAAS_CONFIG, JAAS_CONFIG);
		}
	}

}
