package dev.karafka.spring.diagnostics;

import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.jspecify.annotations.Nullable;

/**
 * The kind of cluster connection the effective client settings describe, after the
 * platforms of Karafka's deployment guide.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public enum ConnectionPlatform {

	/**
	 * Apache Kafka on Heroku: the add-on's {@code KAFKA_URL} and certificates.
	 */
	HEROKU,

	/**
	 * AWS MSK with IAM authentication ({@code AWS_MSK_IAM}).
	 */
	MSK_IAM,

	/**
	 * AWS MSK with SASL/SCRAM (a SCRAM mechanism and brokers under
	 * {@code amazonaws.com}).
	 */
	MSK_SCRAM,

	/**
	 * SASL/SCRAM on any other cluster.
	 */
	SCRAM,

	/**
	 * SASL/OAUTHBEARER.
	 */
	OAUTH,

	/**
	 * Another SASL mechanism (PLAIN, GSSAPI).
	 */
	SASL,

	/**
	 * TLS without SASL.
	 */
	SSL,

	/**
	 * No TLS, no SASL.
	 */
	PLAINTEXT;

	/**
	 * Return the platform a client configuration describes.
	 * @param configuration the configuration of a Kafka client
	 * @param herokuAttached whether the Heroku add-on's environment gave the connection
	 * @return the platform
	 */
	public static ConnectionPlatform detect(Map<String, Object> configuration, boolean herokuAttached) {
		if (herokuAttached) {
			return HEROKU;
		}
		String mechanism = upperCase(configuration.get(SaslConfigs.SASL_MECHANISM));
		String protocol = upperCase(configuration.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG));
		if (protocol == null || !protocol.startsWith("SASL")) {
			return "SSL".equals(protocol) ? SSL : PLAINTEXT;
		}
		if ("AWS_MSK_IAM".equals(mechanism)) {
			return MSK_IAM;
		}
		if ("OAUTHBEARER".equals(mechanism)) {
			return OAUTH;
		}
		if (mechanism != null && mechanism.startsWith("SCRAM")) {
			return String.valueOf(configuration.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG))
				.contains(".amazonaws.com") ? MSK_SCRAM : SCRAM;
		}
		return SASL;
	}

	private static @Nullable String upperCase(@Nullable Object value) {
		return (value != null) ? value.toString().trim().toUpperCase(Locale.ROOT) : null;
	}

}
