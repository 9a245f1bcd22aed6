package dev.karafka.spring.connection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;

/**
 * The Kafka client settings whose values are secret, recognised in every spelling of
 * Spring Boot's relaxed binding: {@code karafka.kafka[ssl.key.pem]},
 * {@code karafka.kafka.ssl.key.pem} and {@code KARAFKA_KAFKA_SSL_KEY_PEM} name the same
 * secret. The secrets are the Java clients' {@link ConfigDef.Type#PASSWORD} settings,
 * librdkafka's sensitive settings, Heroku's {@code KAFKA_CLIENT_CERT_KEY}, Spring Boot's
 * {@code SPRING_APPLICATION_JSON} (which may carry any of them), and any setting whose
 * name ends with a word such as {@code password} or {@code secret}. A name whose end is a
 * near miss of one of those words or names ({@code sasl.pasword},
 * {@code sasl.jaas.confg}) is a secret too: a misspelt setting is unknown to Kafka and
 * warned about, but its value is still the secret the user meant to set.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class SecretSettings {

	private static final List<String> LIBRDKAFKA_SECRETS = List.of("sasl.password", "ssl.key.password", "ssl.key.pem",
			"ssl_key", "ssl.keystore.password", "sasl.jaas.config", "sasl.oauthbearer.config",
			"sasl.oauthbearer.client.secret", "sasl.oauthbearer.assertion.private.key.pem",
			"sasl.oauthbearer.assertion.private.key.passphrase", "client.cert.key");

	/**
	 * Settings that carry other settings, secrets included: Spring Boot's
	 * {@code SPRING_APPLICATION_JSON} (its flattened entries are shown, masked one by
	 * one).
	 */
	private static final List<String> CARRIERS = List.of("spring.application.json");

	private static final List<String> SECRET_WORDS = List.of("password", "passphrase", "passwd", "secret", "token",
			"credentials", "key", "jaasconfig", "userinfo");

	private static final Set<String> SECRET_NAMES = secretNames();

	/**
	 * The shortest secret word or name whose near misses are secrets too ({@code token}):
	 * near misses of {@code key} ({@code keys}, {@code kek}) are names of ordinary
	 * settings.
	 */
	private static final int NEAR_MISS_MIN_LENGTH = 5;

	private static final Pattern ARGUMENT = Pattern.compile("(?:^|\\s)(?:--|-D)([^\\s=]+)=");

	private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+._-]*://)[^/@\\s,]+@");

	private SecretSettings() {
	}

	/**
	 * Return whether a setting, property or environment variable holds a secret.
	 * @param name the name in any spelling of relaxed binding
	 * @return whether its value must never be shown
	 */
	public static boolean isSecret(String name) {
		String normalized = normalized(name);
		for (String secret : SECRET_NAMES) {
			if (normalized.endsWith(secret)) {
				return true;
			}
		}
		for (String lastWords : lastWords(name)) {
			for (String secret : SECRET_NAMES) {
				if (isNearMiss(lastWords, secret)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Return the name's endings that start at a word, normalized: {@code sasl.pasword}
	 * gives {@code pasword} and {@code saslpasword}.
	 */
	private static List<String> lastWords(String name) {
		List<String> endings = new ArrayList<>();
		for (int i = name.length() - 1; i >= 0; i--) {
			boolean wordStart = i == 0 || !Character.isLetterOrDigit(name.charAt(i - 1))
					|| (Character.isLowerCase(name.charAt(i - 1)) && Character.isUpperCase(name.charAt(i)));
			if (Character.isLetterOrDigit(name.charAt(i)) && wordStart) {
				endings.add(normalized(name.substring(i)));
			}
		}
		return endings;
	}

	/**
	 * Return whether the words are a misspelling of the secret: one typing error (a
	 * letter missing, extra, wrong or two letters swapped) for secrets shorter than ten
	 * letters, two for longer ones.
	 */
	private static boolean isNearMiss(String words, String secret) {
		if (secret.length() < NEAR_MISS_MIN_LENGTH) {
			return false;
		}
		int allowed = (secret.length() < 10) ? 1 : 2;
		return Math.abs(words.length() - secret.length()) <= allowed && SettingNames.distance(words, secret) <= allowed;
	}

	/**
	 * Return whether a command line, such as the {@code sun.java.command} system property
	 * or {@code JAVA_TOOL_OPTIONS}, passes a secret setting ({@code --sasl.password=...},
	 * {@code -Dkarafka.kafka.sasl.jaas.config=...}).
	 * @param commandLine the command line
	 * @return whether the command line must never be shown
	 */
	public static boolean hasSecretArgument(String commandLine) {
		Matcher argument = ARGUMENT.matcher(commandLine);
		while (argument.find()) {
			if (isSecret(argument.group(1))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the given value with the user information of every URL in it masked, so that
	 * {@code sasl_ssl://user:pw@host:9096} becomes {@code sasl_ssl://******@host:9096}.
	 * @param value the value
	 * @return the value without user information
	 */
	public static String withoutUserInfo(String value) {
		return USER_INFO.matcher(value).replaceAll("$1******@");
	}

	/**
	 * Return whether a value holds a URL with user information.
	 * @param value the value
	 * @return whether {@link #withoutUserInfo(String)} would change it
	 */
	public static boolean hasUserInfo(String value) {
		return USER_INFO.matcher(value).find();
	}

	private static Set<String> secretNames() {
		Set<String> names = new LinkedHashSet<>(SECRET_WORDS);
		LIBRDKAFKA_SECRETS.forEach((name) -> names.add(normalized(name)));
		CARRIERS.forEach((name) -> names.add(normalized(name)));
		for (ClientType clientType : ClientType.values()) {
			names.addAll(clientType.passwordSettings().stream().map(SecretSettings::normalized).toList());
		}
		return names;
	}

	private static String normalized(String name) {
		return name.toLowerCase(Locale.ROOT)
			.chars()
			.filter((c) -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			.mapToObj((c) -> String.valueOf((char) c))
			.collect(Collectors.joining());
	}

}
