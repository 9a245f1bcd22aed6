package dev.karafka.spring.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecretSettings}.
 *
 * @author karafka-spring
 */
class SecretSettingsTests {

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
	void settingsWithoutSecretsAreShown() {
		assertThat(SecretSettings.isSecret("key.deserializer")).isFalse();
		assertThat(SecretSettings.isSecret("ssl.keystore.location")).isFalse();
		assertThat(SecretSettings.isSecret("bootstrap.servers")).isFalse();
		assertThat(SecretSettings.isSecret("basic.auth.credentials.source")).isFalse();
		assertThat(SecretSettings.isSecret("group.id")).isFalse();
	}

}
