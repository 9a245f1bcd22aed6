package dev.karafka.spring.autoconfigure.msk;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.KafkaSettings;
import dev.karafka.spring.connection.PlatformKafkaSettings;
import org.jspecify.annotations.Nullable;

/**
 * Kafka client settings of AWS MSK IAM authentication, given when
 * {@code karafka.msk.iam.enabled} is set or {@code karafka.kafka} names the
 * {@code AWS_MSK_IAM} mechanism. As platform settings, each can be overridden in
 * {@code karafka.kafka}. A role ARN or profile name given while IAM authentication is
 * off, blank, or (the role) not shaped as an IAM role ARN fails start-up: the clients
 * would otherwise connect without them and fail to authenticate.
 *
 * @author karafka-spring
 */
class MskIamKafkaSettings implements PlatformKafkaSettings {

	static final String LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";

	static final String CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

	private static final String MECHANISM = "AWS_MSK_IAM";

	private static final String ROLE_ARN = "karafka.msk.iam.role-arn";

	private static final String PROFILE_NAME = "karafka.msk.iam.profile-name";

	/**
	 * An IAM role ARN in any AWS partition: {@code arn:aws:iam::123456789012:role/name},
	 * the name possibly after a path.
	 */
	private static final Pattern ROLE_ARN_SHAPE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/\\S+");

	private final KarafkaProperties properties;

	private final boolean libraryPresent;

	MskIamKafkaSettings(KarafkaProperties properties, boolean libraryPresent) {
		this.properties = properties;
		this.libraryPresent = libraryPresent;
	}

	@Override
	public void contributeTo(KafkaSettings settings) {
		String origin = requestedBy();
		KarafkaProperties.Msk.Iam iam = this.properties.getMsk().getIam();
		if (origin == null) {
			checkUnusedWhileOff(ROLE_ARN, iam.getRoleArn());
			checkUnusedWhileOff(PROFILE_NAME, iam.getProfileName());
			return;
		}
		checkRoleArn(iam.getRoleArn());
		checkNotBlank(PROFILE_NAME, iam.getProfileName());
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

	private static void checkUnusedWhileOff(String setting, @Nullable String value) {
		if (value != null) {
			throw new InvalidSettingException(setting, "is set, but AWS MSK IAM authentication is off",
					"Set karafka.msk.iam.enabled=true to authenticate with AWS MSK IAM (port 9098), or remove "
							+ setting + ".");
		}
	}

	private static void checkRoleArn(@Nullable String roleArn) {
		checkNotBlank(ROLE_ARN, roleArn);
		if (roleArn != null && !ROLE_ARN_SHAPE.matcher(roleArn.trim()).matches()) {
			throw new InvalidSettingException(ROLE_ARN, "'" + roleArn + "' is not the ARN of an IAM role",
					"Give the role's ARN as the IAM console shows it: arn:aws:iam::<12-digit account>:role/<name>.");
		}
	}

	private static void checkNotBlank(String setting, @Nullable String value) {
		if (value != null && value.isBlank()) {
			throw new InvalidSettingException(setting, "is empty",
					"Give a value, or remove " + setting + " to use the default AWS credentials.");
		}
	}

	private String jaasConfig() {
		KarafkaProperties.Msk.Iam iam = this.properties.getMsk().getIam();
		StringBuilder jaasConfig = new StringBuilder(LOGIN_MODULE).append(" required");
		if (iam.getRoleArn() != null) {
			jaasConfig.append(" awsRoleArn=\"").append(jaasQuoted(iam.getRoleArn().trim())).append('"');
		}
		if (iam.getProfileName() != null) {
			jaasConfig.append(" awsProfileName=\"").append(jaasQuoted(iam.getProfileName().trim())).append('"');
		}
		return jaasConfig.append(';').toString();
	}

	private static String jaasQuoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
