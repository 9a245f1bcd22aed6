package dev.karafka.spring.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecretSettings}.
 *
 * @author karafka-spring
 */
class SecretSettingsTests {

	private static final Pattern PROPERTY_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

	private static boolean namesASecret(String property) {
		return Pattern.compile(
				"(password|passphrase|secret|token|key|credentials|jaas-config|user-info|json|certificates|certificate-chain)$")
			.matcher(property.toLowerCase(Locale.ROOT))
			.find();
	}

	@Test
	void schemaRegistryUserInfoIsSecretInEverySpelling() {
		assertThat(SecretSettings.isSecret("basic.auth.user.info")).isTrue();
		assertThat(SecretSettings.isSecret("karafka.kafka[basic.auth.user.info]")).isTrue();
		assertThat(SecretSettings.isSecret("KARAFKA_KAFKA_BASIC_AUTH_USER_INFO")).isTrue();
	}

	@Test
	void nameEndingInKeyIsSecretInEverySpelling() {
		assertThat(SecretSettings.isSecret("karafka.kafka[my.api.key]")).isTrue();
		assertThat(SecretSettings.isSecret("KARAFKA_KAFKA_MY_API_KEY")).isTrue();
		assertThat(SecretSettings.isSecret("ssl.keystore.key")).isTrue();
		assertThat(SecretSettings.isSecret("KAFKA_CLIENT_CERT_KEY")).isTrue();
	}

	@Test
	void springApplicationJsonIsSecretInEverySpellingAndOnCommandLines() {
		assertThat(SecretSettings.isSecret("SPRING_APPLICATION_JSON")).isTrue();
		assertThat(SecretSettings.isSecret("spring.application.json")).isTrue();
		assertThat(SecretSettings.hasSecretArgument(
				"app.jar --spring.application.json={\"karafka\":{\"kafka\":{\"sasl.password\":\"hunter5\"}}}"))
			.isTrue();
		assertThat(SecretSettings.hasSecretArgument("-Dspring.application.json={}")).isTrue();
	}

	@Test
	void misspeltSecretIsSecretInEverySpelling() {
		assertThat(SecretSettings.isSecret("karafka.kafka[sasl.pasword]")).isTrue();
		assertThat(SecretSettings.isSecret("KARAFKA_KAFKA_SASL_PASSWROD")).isTrue();
		assertThat(SecretSettings.isSecret("karafka.kafka.ssl.key.pasword")).isTrue();
		assertThat(SecretSettings.isSecret("karafka.kafka[sasl.jaas.confg]")).isTrue();
		assertThat(SecretSettings.isSecret("karafka.kafka[sasl.oauthbearer.client.secert]")).isTrue();
		assertThat(SecretSettings.isSecret("karafka.kafka[ssl.keystore.passwrd]")).isTrue();
		assertThat(SecretSettings.isSecret("karafka.kafka.my.api.tokne")).isTrue();
	}

	@Test
	void noKafkaClientSettingIsTakenForAMisspeltSecret() {
		Set<String> shownSettings = new TreeSet<>(ClientType.allSettings());
		for (ClientType type : ClientType.values()) {
			type.passwordSettings().forEach(shownSettings::remove);
		}
		assertThat(shownSettings).filteredOn(SecretSettings::isSecret).isEmpty();
	}

	@Test
	void noSpringBootPropertyIsTakenForAMisspeltSecret() throws IOException {
		Set<String> flagged = new TreeSet<>();
		Enumeration<URL> metadata = getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (metadata.hasMoreElements()) {
			try (InputStream in = metadata.nextElement().openStream()) {
				Matcher name = PROPERTY_NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				while (name.find()) {
					if (SecretSettings.isSecret(name.group(1))) {
						flagged.add(name.group(1));
					}
				}
			}
		}
		assertThat(flagged).isNotEmpty().allMatch(SecretSettingsTests::namesASecret);
	}

	@Test
	void settingsWithoutSecretsAreShown() {
		assertThat(SecretSettings.isSecret("key.deserializer")).isFalse();
		assertThat(SecretSettings.isSecret("ssl.keystore.location")).isFalse();
		assertThat(SecretSettings.isSecret("bootstrap.servers")).isFalse();
		assertThat(SecretSettings.isSecret("basic.auth.credentials.source")).isFalse();
		assertThat(SecretSettings.isSecret("group.id")).isFalse();
	}

}
