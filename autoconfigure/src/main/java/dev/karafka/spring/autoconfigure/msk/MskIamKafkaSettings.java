package dev.karafka.spring.autoconfigure.msk;

import java.util.Locale;
import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.KafkaSettings;
import dev.karafka.spring.connection.PlatformKafkaSettings;
import org.jspecify.annotations.Nullable;

/**
 * Kafka client settings of AWS MSK IAM authentication, given when
 * {@code karafka.msk.iam.enabled} is set or {@code karafka.kafka} names the
 * {@code AWS_MSK_IAM} mechanism. As platform settings, each can be overridden in
 * {@code karafka.kafka}.
 *
 * @author karafka-spring
 */
class MskIamKafkaSettings implements PlatformKafkaSettings {

	static final String LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";

	static final String CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

	private static final String MECHANISM = "AWS_MSK_IAM";

	private final KarafkaProperties properties;

	private final boolean libraryPresent;

	MskIamKafkaSettings(KarafkaProperties properties, boolean libraryPresent) {
		this.properties = properties;
		this.libraryPresent = libraryPresent;
	}

	@Override
	public void contributeTo(KafkaSettings settings) {
		String origin = requestedBy();
		if (origin == null) {
			return;
		}
		if (!this.libraryPresent) {
			throw new InvalidSettingException(origin,
					"AWS MSK IAM authentication needs the aws-msk-iam-auth library, which is not on the classpath",
					"Add the dependency software.amazon.msk:aws-msk-iam-auth to the application.");
		}
		settings.add("security.protocol", "SASL_SSL", origin);
		settings.add("sasl.mechanism", MECHANISM, origin);
		settings.add("sasl.jaas.config", jaasConfig(), origin);
		settings.add("sasl.client.callback.handler.class", CALLBACK_HANDLER, origin);
	}

	private @Nullable String requestedBy() {
		if (this.properties.getMsk().getIam().isEnabled()) {
			return "karafka.msk.iam.enabled";
		}
		Map<String, String> kafka = this.properties.getKafka();
		for (String key : new String[] { "sasl.mechanisms", "sasl.mechanism" }) {
			String mechanism = kafka.get(key);
			if (mechanism != null && mechanism.trim().toUpperCase(Locale.ROOT).equals(MECHANISM)) {
				return "karafka.kafka." + key;
			}
		}
		return null;
	}

	private String jaasConfig() {
		KarafkaProperties.Msk.Iam iam = this.properties.getMsk().getIam();
		StringBuilder jaasConfig = new StringBuilder(LOGIN_MODULE).append(" required");
		if (iam.getRoleArn() != null) {
			jaasConfig.append(" awsRoleArn=\"").append(jaasQuoted(iam.getRoleArn())).append('"');
		}
		if (iam.getProfileName() != null) {
			jaasConfig.append(" awsProfileName=\"").append(jaasQuoted(iam.getProfileName())).append('"');
		}
		return jaasConfig.append(';').toString();
	}

	private static String jaasQuoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
