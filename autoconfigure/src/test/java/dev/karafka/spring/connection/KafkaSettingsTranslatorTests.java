package dev.karafka.spring.connection;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KafkaSettingsTranslator}.
 *
 * @author karafka-spring
 */
class KafkaSettingsTranslatorTests {

	@Test
	void schemesAreRemovedFromBootstrapServers() {
		ClientSettings settings = translate("bootstrap.servers",
				"kafka+ssl://broker1:9096, kafka://broker2:9092,ssl://broker3:9093 ,plaintext://[::1]:9092,");
		assertThat(settings.bootstrapServers()).containsExactly("broker1:9096", "broker2:9092", "broker3:9093",
				"[::1]:9092");
	}

	@Test
	void bootstrapServerWithoutPortIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("bootstrap.servers", "broker1:9092,broker2"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.bootstrap.servers");
				assertThat(ex.getProblem()).contains("'broker2'").contains("no valid port");
				assertThat(ex.getAction()).contains("host:port");
			});
	}

	@Test
	void bootstrapServerWithUnknownSchemeIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("bootstrap.servers", "https://broker1:9092"))
			.withMessageContaining("unknown scheme 'https'");
	}

	@Test
	void metadataBrokerListIsBootstrapServers() {
		assertThat(translate("metadata.broker.list", "broker1:9092").bootstrapServers())
			.containsExactly("broker1:9092");
	}

	@Test
	void securityProtocolIsAcceptedInAnyLetterCase() {
		assertThat(translate("security.protocol", "sasl_ssl").securityProtocol()).isEqualTo("SASL_SSL");
	}

	@Test
	void unknownSecurityProtocolIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("security.protocol", "SASL-SSL"))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo("'SASL-SSL' is not a security protocol");
				assertThat(ex.getAction()).contains("SASL_SSL");
			});
	}

	@Test
	void scramCredentialsBecomeJaasConfig() {
		ClientSettings settings = translate(
				Map.of("sasl.mechanisms", "scram-sha-512", "sasl.username", "alice", "sasl.password", "pa\"ss\\word"));
		assertThat(settings.properties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
							+ "password=\"pa\\\"ss\\\\word\";")
			.doesNotContainKeys("sasl.username", "sasl.password", "sasl.mechanisms");
	}

	@Test
	void plainCredentialsBecomePlainJaasConfig() {
		ClientSettings settings = translate(
				Map.of("sasl.mechanism", "PLAIN", "sasl.username", "alice", "sasl.password", "secret"));
		assertThat(settings.properties().get("sasl.jaas.config"))
			.startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\"");
	}

	@Test
	void scramWithoutCredentialsIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("sasl.mechanisms", "SCRAM-SHA-512"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.sasl.mechanisms");
				assertThat(ex.getProblem()).contains("needs credentials");
			});
	}

	@Test
	void scramWithOwnJaasConfigIsAccepted() {
		assertThat(translate(Map.of("sasl.mechanisms", "SCRAM-SHA-512", "sasl.jaas.config", "custom")).properties())
			.containsEntry("sasl.jaas.config", "custom");
	}

	@Test
	void usernameWithoutPasswordIsRefusedWithoutEchoingSecrets() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate(Map.of("sasl.mechanisms", "PLAIN", "sasl.username", "alice")))
			.withMessageContaining("'sasl.password' is missing");
	}

	@Test
	void credentialsWithoutMechanismAreRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate(Map.of("sasl.username", "alice", "sasl.password", "very-secret")))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("none is set").doesNotContain("very-secret");
				assertThat(ex.getAction()).contains("sasl.mechanisms");
			});
	}

	@Test
	void endpointIdentificationNoneIsEmpty() {
		assertThat(translate("ssl.endpoint.identification.algorithm", "none").properties())
			.containsEntry("ssl.endpoint.identification.algorithm", "");
		assertThat(translate("ssl.endpoint.identification.algorithm", "HTTPS").properties())
			.containsEntry("ssl.endpoint.identification.algorithm", "https");
	}

	@Test
	void turningOffCertificateVerificationIsRefusedWithTheSafeEquivalent() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("enable.ssl.certificate.verification", "false"))
			.satisfies((ex) -> assertThat(ex.getAction()).contains("ssl.ca.pem")
				.contains("ssl.endpoint.identification.algorithm"));
		assertThat(translate("enable.ssl.certificate.verification", "true").properties()).isEmpty();
	}

	@Test
	void librdkafkaOnlySettingsAreIgnoredAndReported() {
		ClientSettings settings = translate(Map.of("statistics.interval.ms", "5000", "enable.partition.eof", "true",
				"max.poll.interval.ms", "300000"));
		assertThat(settings.ignoredSettings()).containsExactlyInAnyOrder("statistics.interval.ms",
				"enable.partition.eof");
		assertThat(settings.properties()).containsOnlyKeys("max.poll.interval.ms");
	}

	@Test
	void librdkafkaProducerNamesAreRenamed() {
		ClientSettings settings = translate(
				Map.of("request.required.acks", "all", "compression.codec", "zstd", "message.timeout.ms", "30000"));
		assertThat(settings.properties()).containsEntry("acks", "all")
			.containsEntry("compression.type", "zstd")
			.containsEntry("delivery.timeout.ms", "30000");
	}

	@Test
	void librdkafkaAssignorNamesBecomeClassNames() {
		assertThat(translate("partition.assignment.strategy", "cooperative-sticky").properties()).containsEntry(
				"partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
	}

	@Test
	void settingsReachOnlyTheClientsThatKnowThem() {
		ClientSettings settings = translate(Map.of("acks", "all", "max.poll.records", "100", "client.id", "app",
				"schema.registry.url", "http://registry"));
		assertThat(settings.propertiesFor(ClientType.PRODUCER)).containsOnlyKeys("acks", "client.id",
				"schema.registry.url");
		assertThat(settings.propertiesFor(ClientType.CONSUMER)).containsOnlyKeys("max.poll.records", "client.id",
				"schema.registry.url");
		assertThat(settings.propertiesFor(ClientType.ADMIN)).containsOnlyKeys("client.id", "schema.registry.url");
	}

	@Test
	void laterSourcesWin() {
		KafkaSettings settings = new KafkaSettings().addAll(Map.of("client.id", "from-map"), "karafka.kafka")
			.add("client.id", "typed", "karafka.client-id");
		assertThat(KafkaSettingsTranslator.translate(settings).properties()).containsEntry("client.id", "typed");
		assertThat(settings.origin("client.id")).isEqualTo("karafka.client-id");
	}

	@Test
	void librdkafkaOidcSettingsBecomeTheJavaClientOidcLogin() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("sasl.mechanisms", "OAUTHBEARER");
		map.put("sasl.oauthbearer.method", "oidc");
		map.put("sasl.oauthbearer.client.id", "karafka");
		map.put("sasl.oauthbearer.client.secret", "s3cr\"et");
		map.put("sasl.oauthbearer.token.endpoint.url", "https://idp.example.com/token");
		map.put("sasl.oauthbearer.scope", "kafka");
		map.put("sasl.oauthbearer.extensions", "logicalCluster=lkc-1, identityPoolId=pool-2");
		assertThat(translate(map).properties()).containsOnly(Map.entry("sasl.mechanism", "OAUTHBEARER"),
				Map.entry("sasl.oauthbearer.token.endpoint.url", "https://idp.example.com/token"),
				Map.entry("sasl.login.callback.handler.class",
						"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler"),
				Map.entry("sasl.jaas.config",
						"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
								+ "clientId=\"karafka\" clientSecret=\"s3cr\\\"et\" scope=\"kafka\" "
								+ "extension_logicalCluster=\"lkc-1\" extension_identityPoolId=\"pool-2\";"));
	}

	@Test
	void oidcMethodImpliesTheOauthbearerMechanism() {
		assertThat(translate(oidc()).properties()).containsEntry("sasl.mechanism", "OAUTHBEARER");
	}

	@Test
	void ownOidcLoginSettingsAreKept() {
		Map<String, String> map = oidc();
		map.put("sasl.jaas.config", "custom");
		map.put("sasl.login.callback.handler.class", "com.example.Handler");
		assertThat(translate(map).properties()).containsEntry("sasl.jaas.config", "custom")
			.containsEntry("sasl.login.callback.handler.class", "com.example.Handler");
	}

	@Test
	void oidcWithoutClientSecretIsRefused() {
		Map<String, String> map = oidc();
		map.remove("sasl.oauthbearer.client.secret");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> translate(map)).satisfies((ex) -> {
			assertThat(ex.getSetting()).isEqualTo("karafka.kafka.sasl.oauthbearer.method");
			assertThat(ex.getProblem()).contains("'sasl.oauthbearer.client.secret'");
			assertThat(ex.getAction()).contains("sasl.oauthbearer.token.endpoint.url");
		});
	}

	@Test
	void oidcWithOtherMechanismIsRefused() {
		Map<String, String> map = oidc();
		map.put("sasl.mechanisms", "GSSAPI");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> translate(map))
			.withMessageContaining("needs the SASL mechanism OAUTHBEARER, not GSSAPI");
	}

	@Test
	void unknownOauthbearerMethodIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("sasl.oauthbearer.method", "saml"))
			.withMessageContaining("'saml' is not an OAUTHBEARER method");
	}

	@Test
	void defaultOauthbearerMethodLeavesJavaScopeSettingAlone() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("sasl.oauthbearer.method", "default");
		map.put("sasl.oauthbearer.scope", "kafka");
		assertThat(translate(map).properties()).containsOnly(Map.entry("sasl.oauthbearer.scope", "kafka"));
	}

	@Test
	void oidcClientSecretIsNeverInErrors() {
		Map<String, String> map = oidc();
		map.remove("sasl.oauthbearer.token.endpoint.url");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> translate(map))
			.satisfies((ex) -> assertThat(ex.getMessage() + ex.getAction()).doesNotContain("top-secret"));
	}

	private static Map<String, String> oidc() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("sasl.oauthbearer.method", "oidc");
		map.put("sasl.oauthbearer.client.id", "karafka");
		map.put("sasl.oauthbearer.client.secret", "top-secret");
		map.put("sasl.oauthbearer.token.endpoint.url", "https://idp.example.com/token");
		return map;
	}

	private static ClientSettings translate(String key, String value) {
		return translate(Map.of(key, value));
	}

	private static ClientSettings translate(Map<String, String> map) {
		return KafkaSettingsTranslator.translate(new KafkaSettings().addAll(new LinkedHashMap<>(map), "karafka.kafka"));
	}

}
