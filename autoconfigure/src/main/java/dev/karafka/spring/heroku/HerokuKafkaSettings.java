package dev.karafka.spring.heroku;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.KafkaSettings;
import dev.karafka.spring.connection.PlatformKafkaSettings;
import dev.karafka.spring.connection.SecretSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link PlatformKafkaSettings} from the environment variables of Heroku's Apache Kafka
 * add-on: {@code KAFKA_URL}, {@code KAFKA_TRUSTED_CERT}, {@code KAFKA_CLIENT_CERT},
 * {@code KAFKA_CLIENT_CERT_KEY} and {@code KAFKA_PREFIX}, or the same variables under
 * another name when the add-on is attached with an alias.
 * <p>
 * Heroku's broker certificates do not name the hosts in {@code KAFKA_URL}, so broker host
 * names are not verified (as in Heroku's own Java examples); the broker certificate must
 * still be signed by a certificate of {@code KAFKA_TRUSTED_CERT}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class HerokuKafkaSettings implements PlatformKafkaSettings {

	private static final String SSL_SCHEME = "kafka+ssl";

	private static final String PLAINTEXT_SCHEME = "kafka";

	private final PropertyResolver environment;

	private final String envPrefix;

	/**
	 * Create a new instance.
	 * @param environment the environment to read the add-on's variables from
	 * @param envPrefix the name the add-on is attached under, {@code KAFKA} by default
	 */
	public HerokuKafkaSettings(PropertyResolver environment, String envPrefix) {
		Assert.notNull(environment, "'environment' must not be null");
		Assert.hasText(envPrefix, "'envPrefix' must not be empty");
		this.environment = environment;
		this.envPrefix = envPrefix;
	}

	/**
	 * Return whether the add-on's environment is present, that is whether
	 * {@code <prefix>_URL} is set.
	 * @return whether the add-on is attached
	 */
	public boolean isAttached() {
		return StringUtils.hasText(this.environment.getProperty(variable("URL")));
	}

	/**
	 * Return the topic and consumer group prefix of a multi-tenant add-on
	 * ({@code <prefix>_PREFIX}).
	 * @return the prefix or {@code null}
	 */
	public @Nullable String prefix() {
		return this.environment.getProperty(prefixVariable());
	}

	/**
	 * Return the name of the environment variable that holds the prefix.
	 * @return the variable's name, {@code KAFKA_PREFIX} unless the add-on is attached
	 * under another name
	 */
	public String prefixVariable() {
		return variable("PREFIX");
	}

	@Override
	public void contributeTo(KafkaSettings settings) {
		String urlVariable = variable("URL");
		String url = this.environment.getProperty(urlVariable);
		if (!StringUtils.hasText(url)) {
			return;
		}
		boolean ssl = SSL_SCHEME.equals(scheme(url, urlVariable));
		settings.add("bootstrap.servers", url, urlVariable);
		settings.add("security.protocol", ssl ? "SSL" : "PLAINTEXT", urlVariable);
		addVariable(settings, "ssl.ca.pem", "TRUSTED_CERT");
		addVariable(settings, "ssl.certificate.pem", "CLIENT_CERT");
		addVariable(settings, "ssl.key.pem", "CLIENT_CERT_KEY");
		if (ssl) {
			settings.add("ssl.endpoint.identification.algorithm", "none", urlVariable);
		}
	}

	private void addVariable(KafkaSettings settings, String key, String suffix) {
		String name = variable(suffix);
		settings.add(key, this.environment.getProperty(name), name);
	}

	private String variable(String suffix) {
		return this.envPrefix + "_" + suffix;
	}

	private static String scheme(String url, String variable) {
		List<String> entries = Arrays.stream(url.split(",")).map(String::trim).filter(StringUtils::hasText).toList();
		if (entries.isEmpty()) {
			throw new InvalidSettingException(variable, "it lists no broker URL",
					"Give the add-on's brokers as kafka+ssl://host:port, separated by commas.");
		}
		Set<String> schemes = new LinkedHashSet<>();
		for (String entry : entries) {
			int separator = entry.indexOf("://");
			String scheme = (separator > 0) ? entry.substring(0, separator).toLowerCase(Locale.ROOT) : "";
			if (!SSL_SCHEME.equals(scheme) && !PLAINTEXT_SCHEME.equals(scheme)) {
				throw new InvalidSettingException(variable,
						"'" + SecretSettings.withoutUserInfo(entry) + "' is not a kafka+ssl:// or kafka:// URL",
						"Give the add-on's brokers as kafka+ssl://host:port, separated by commas, as Heroku "
								+ "sets it (heroku config:get " + variable + ").");
			}
			schemes.add(scheme);
		}
		if (schemes.size() > 1) {
			throw new InvalidSettingException(variable, "it mixes kafka+ssl:// and kafka:// URLs",
					"Use one scheme for every broker: kafka+ssl:// for TLS, kafka:// for plain connections.");
		}
		return schemes.iterator().next();
	}

}
