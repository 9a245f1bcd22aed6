package dev.karafka.spring.connection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
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
				"kafka+ssl://broker1:9096, ssl://broker3:9093 ,KAFKA+SSL://[::1]:9092,broker4:9092,");
		assertThat(settings.bootstrapServers()).containsExactly("broker1:9096", "broker3:9093", "[::1]:9092",
				"broker4:9092");
	}

	@Test
	void bootstrapServerWithoutPortGetsTheKafkaPort() {
		assertThat(translate("bootstrap.servers", "broker1:9093,broker2,[::1]").bootstrapServers())
			.containsExactly("broker1:9093", "broker2:9092", "[::1]:9092");
	}

	@Test
	void bootstrapServerThatIsNotHostAndPortIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("bootstrap.servers", "broker1:9092,broker2:ninety"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.bootstrap.servers");
				assertThat(ex.getProblem()).contains("'broker2:ninety'").contains("is not host:port");
				assertThat(ex.getAction()).contains("host:port");
			});
	}

	@Test
	void credentialMechanismWithAMisspeltPasswordNamesTheMisspelling() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate(Map.of("sasl.mechanisms", "SCRAM-SHA-512", "sasl.pasword", "pw-of-alice")))
			.satisfies((ex) -> assertThat(ex.getProblem())
				.isEqualTo("SASL mechanism SCRAM-SHA-512 needs credentials, and none are given "
						+ "('karafka.kafka.sasl.pasword' is given: a misspelling of 'sasl.password'?)"));
	}

	@Test
	void everyInvalidSettingIsReportedAtOnce() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("security.protocol", "tls");
		settings.put("client.id", "orders");
		settings.put("session.timeout.ms", "45 seconds");
		settings.put("enable.auto.offset.store", "maybe");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> translate(settings))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.security.protocol");
				assertThat(ex.getSuppressed())
					.extracting((suppressed) -> ((InvalidSettingException) suppressed).getSetting())
					.containsExactly("karafka.kafka.session.timeout.ms", "karafka.kafka.enable.auto.offset.store");
			});
	}

	@Test
	void bootstrapServerWithCharactersTheClientRefusesIsRefusedNamingThem() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("bootstrap.servers", "broker1:9092,k\u0430fka broker:9092"))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo("the host of bootstrap server 'k\u0430fka broker:9092' has "
						+ "characters the Kafka client refuses: '\u0430' (U+0430), ' ' (U+0020)");
				assertThat(ex.getAction()).contains("ASCII");
			});
		assertThat(
				translate("bootstrap.servers", "b-1.my_cluster.kafka.eu-west-1.amazonaws.com:9096").bootstrapServers())
			.containsExactly("b-1.my_cluster.kafka.eu-west-1.amazonaws.com:9096");
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
	void usernameOrPasswordNextToAnExplicitJaasConfigIsRefusedNamingBothWithoutTheirValues() {
		for (String credential : new String[] { "sasl.username", "sasl.password" }) {
			assertThatExceptionOfType(InvalidSettingException.class)
				.isThrownBy(
						() -> translate(
								Map.of("sasl.mechanisms", "SCRAM-SHA-512", credential, "very-secret",
										"sasl.jaas.config",
										"org.apache.kafka.common.security.scram.ScramLoginModule required "
												+ "username=\"alice\" password=\"jaas-secret\";")))
				.satisfies((ex) -> {
					assertThat(ex.getSetting()).isEqualTo("karafka.kafka." + credential);
					assertThat(ex.getMessage()).contains("karafka.kafka." + credential)
						.contains("karafka.kafka.sasl.jaas.config")
						.doesNotContain("very-secret")
						.doesNotContain("jaas-secret");
					assertThat(ex.getAction()).contains("karafka.kafka.sasl.jaas.config").doesNotContain("secret\"");
				});
		}
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
	void usernameWithAMisspeltPasswordIsRefusedNamingTheMisspellingWithoutItsValue() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate(
					Map.of("sasl.mechanisms", "PLAIN", "sasl.username", "alice", "sasl.pasword", "hunter9")))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(
					"'sasl.password' is missing ('karafka.kafka.sasl.pasword' is given: a misspelling of 'sasl.password'?)"))
			.withMessageNotContaining("hunter9");
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
		map.put("sasl.login.callback.handler.class",
				"org.apache.kafka.common.security.authenticator.SaslClientCallbackHandler");
		assertThat(translate(map).properties()).containsEntry("sasl.jaas.config", "custom")
			.containsEntry("sasl.login.callback.handler.class",
					"org.apache.kafka.common.security.authenticator.SaslClientCallbackHandler");
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

	@Test
	void everyLibrdkafkaPropertyIsTranslatedPassedOrReported() throws IOException {
		List<LibrdkafkaProperty> properties = librdkafkaProperties();
		assertThat(properties).hasSizeGreaterThan(190);
		SoftAssertions softly = new SoftAssertions();
		for (LibrdkafkaProperty property : properties) {
			String value = WALK_VALUES.getOrDefault(property.name(), property.defaultValue());
			String described = property.name() + "=" + value;
			if (COMMIT_MODEL.containsKey(property.name())) {
				softly.assertThat(translate(property.name(), value).properties().keySet())
					.as("%s is owned by the commit model", described)
					.isEqualTo(COMMIT_MODEL.get(property.name()));
				continue;
			}
			ClientSettings settings;
			try {
				settings = translate(property.name(), value);
			}
			catch (InvalidSettingException ex) {
				softly.assertThat(REFUSED_WHEN_EMPTY)
					.as("%s was refused: %s", described, ex.getMessage())
					.contains(property.name());
				softly.assertThat(ex.getSetting()).isEqualTo("karafka.kafka." + property.name());
				continue;
			}
			softly.assertThat(settings.unknownSettings()).as("%s is not reported unknown", described).isEmpty();
			if (settings.ignoredSettings().contains(property.name())) {
				softly.assertThat(settings.properties()).as("%s is reported as ignored", described).isEmpty();
				continue;
			}
			if (settings.properties().isEmpty() && settings.sslBundle() == null) {
				softly.assertThat(JAVA_BEHAVIOUR.get(property.name()))
					.as("%s gave nothing and no warning", described)
					.isEqualTo(value);
				continue;
			}
			for (String key : settings.properties().keySet()) {
				softly.assertThat(property.clientTypes().stream().anyMatch((type) -> type.knows(key)))
					.as("%s became %s, which no %s knows", described, key, property.clientTypes())
					.isTrue();
			}
		}
		softly.assertAll();
	}

	@Test
	void librdkafkaNamesOfJavaSettingsAreRenamed() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("fetch.message.max.bytes", "2097152");
		map.put("message.max.bytes", "2000000");
		map.put("max.in.flight", "5");
		map.put("message.send.max.retries", "10");
		map.put("queue.buffering.max.kbytes", "1024");
		map.put("socket.send.buffer.bytes", "0");
		map.put("socket.receive.buffer.bytes", "65536");
		map.put("connections.max.idle.ms", "0");
		ClientSettings settings = translate(map);
		assertThat(settings.properties()).containsOnly(Map.entry("max.partition.fetch.bytes", "2097152"),
				Map.entry("max.request.size", "2000000"), Map.entry("max.in.flight.requests.per.connection", "5"),
				Map.entry("retries", "10"), Map.entry("buffer.memory", "1048576"), Map.entry("send.buffer.bytes", "-1"),
				Map.entry("receive.buffer.bytes", "65536"), Map.entry("connections.max.idle.ms", "-1"));
		assertThat(settings.propertiesFor(ClientType.CONSUMER)).containsOnlyKeys("max.partition.fetch.bytes",
				"send.buffer.bytes", "receive.buffer.bytes", "connections.max.idle.ms");
		assertThat(settings.ignoredSettings()).isEmpty();
	}

	@Test
	void compressionLevelBecomesTheLevelOfTheCodec() {
		assertThat(translate(Map.of("compression.codec", "zstd", "compression.level", "7")).properties())
			.containsOnly(Map.entry("compression.type", "zstd"), Map.entry("compression.zstd.level", "7"));
		assertThat(translate(Map.of("compression.type", "snappy", "compression.level", "3")).ignoredSettings())
			.containsExactly("compression.level");
	}

	@Test
	void brokerAddressFamilyOtherThanAnyIsReported() {
		assertThat(translate("broker.address.family", "v4").ignoredSettings()).containsExactly("broker.address.family");
		ClientSettings any = translate("broker.address.family", "any");
		assertThat(any.ignoredSettings()).isEmpty();
		assertThat(any.properties()).isEmpty();
	}

	@Test
	void keyPasswordWithoutPemKeyIsTheKeyStoreKeyPassword() {
		assertThat(translate(Map.of("ssl.keystore.location", "/etc/kafka/client.jks", "ssl.keystore.password",
				"store-secret", "ssl.key.password", "key-secret"))
			.properties()).containsEntry("ssl.key.password", "key-secret")
			.containsEntry("ssl.keystore.location", "/etc/kafka/client.jks");
	}

	@Test
	void messageTimeoutOfZeroIsNoTimeout() {
		assertThat(translate("message.timeout.ms", "0").properties())
			.containsOnly(Map.entry("delivery.timeout.ms", String.valueOf(Integer.MAX_VALUE)));
	}

	@Test
	void librdkafkaOffsetResetNamesAreAccepted() {
		assertThat(translate("auto.offset.reset", "smallest").properties()).containsEntry("auto.offset.reset",
				"earliest");
		assertThat(translate("auto.offset.reset", "largest").properties()).containsEntry("auto.offset.reset", "latest");
		assertThat(translate("auto.offset.reset", "error").properties()).containsEntry("auto.offset.reset", "none");
	}

	@Test
	void numbersWithUnderscoresAreAccepted() {
		assertThat(translate(
				Map.of("max.poll.interval.ms", "300_000", "message.timeout.ms", "1_000_000", "client.id", "app_1_2"))
			.properties()).containsEntry("max.poll.interval.ms", "300000")
			.containsEntry("delivery.timeout.ms", "1000000")
			.containsEntry("client.id", "app_1_2");
	}

	@Test
	void booleanThatIsNotTrueOrFalseIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> translate("enable.idempotence", "1"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.enable.idempotence");
				assertThat(ex.getProblem()).contains("'1' is not valid").contains("true or false");
				assertThat(ex.getAction()).contains("true or false");
			});
	}

	@Test
	void metadataRefreshIntervalOutOfTheJavaRangeIsRefusedNamingTheLibrdkafkaSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("topic.metadata.refresh.interval.ms", "-1"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.topic.metadata.refresh.interval.ms");
				assertThat(ex.getProblem()).contains("'-1' is not valid as the Java client's 'metadata.max.age.ms'")
					.contains("at least 0");
				assertThat(ex.getAction()).contains("[0,...]");
			});
	}

	@Test
	void valueOfAnUnknownEnumerationIsRefusedNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("isolation.level", "read_everything"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.isolation.level");
				assertThat(ex.getAction()).contains("read_committed");
			});
	}

	@Test
	void misspeltOffsetResetNamesTheStartersDefaultAndLibrdkafkasValues() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("auto.offset.reset", "smalest"))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.kafka.auto.offset.reset");
				assertThat(ex.getAction()).contains("(or librdkafka's smallest, beginning, largest, end, error)")
					.contains("remove the setting to keep the starter's default, karafka.initial-offset (earliest "
							+ "unless set)")
					.doesNotContain("(latest)");
			});
	}

	@Test
	void schemeSelectsTheSecurityProtocol() {
		assertThat(translate("bootstrap.servers", "kafka+ssl://b1:9096,kafka+ssl://b2:9096").securityProtocol())
			.isEqualTo("SSL");
		assertThat(translate("bootstrap.servers", "ssl://b1:9093").securityProtocol()).isEqualTo("SSL");
		assertThat(translate("bootstrap.servers", "SASL_SSL://b1:9096").securityProtocol()).isEqualTo("SASL_SSL");
		assertThat(translate("bootstrap.servers", "sasl_plaintext://b1:9095").securityProtocol())
			.isEqualTo("SASL_PLAINTEXT");
		assertThat(translate("bootstrap.servers", "kafka://b1:9092").securityProtocol()).isEqualTo("PLAINTEXT");
		assertThat(translate("bootstrap.servers", "plaintext://b1:9092").securityProtocol()).isEqualTo("PLAINTEXT");
		assertThat(translate("bootstrap.servers", "b1:9092").securityProtocol()).isNull();
	}

	@Test
	void schemeAgreeingWithSecurityProtocolIsAccepted() {
		assertThat(translate(Map.of("bootstrap.servers", "kafka+ssl://b1:9096", "security.protocol", "ssl"))
			.securityProtocol()).isEqualTo("SSL");
	}

	@Test
	void schemeContradictingSecurityProtocolIsRefusedNamingBoth() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("security.protocol", "PLAINTEXT");
		map.put("bootstrap.servers", "kafka+ssl://b1:9096");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> translate(map)).satisfies((ex) -> {
			assertThat(ex.getSetting()).isEqualTo("karafka.kafka.bootstrap.servers");
			assertThat(ex.getProblem()).contains("selects the security protocol SSL")
				.contains("'karafka.kafka.security.protocol' is PLAINTEXT");
		});
	}

	@Test
	void schemeContradictingAPlatformSecurityProtocolIsRefusedNamingBoth() {
		KafkaSettings settings = new KafkaSettings().add("bootstrap.servers", "kafka://b1:9092", "KAFKA_URL")
			.add("security.protocol", "PLAINTEXT", "KAFKA_URL")
			.add("bootstrap.servers", "ssl://b1:9096", "karafka.kafka.bootstrap.servers");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> KafkaSettingsTranslator.translate(settings))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("karafka.kafka.bootstrap.servers")
				.contains("'KAFKA_URL' is PLAINTEXT"));
	}

	@Test
	void mixedSchemesAreRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("bootstrap.servers", "kafka+ssl://b1:9096,kafka://b2:9092"))
			.withMessageContaining("mixes schemes of different security protocols (kafka+ssl://, kafka://)");
	}

	@Test
	void bootstrapServerWithUserInfoIsRefusedWithoutEchoingIt() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> translate("bootstrap.servers", "b0:9092,sasl_ssl://alice:pa55word@b1:9096"))
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).contains("bootstrap server 2 holds user information");
				assertThat(ex.getMessage() + ex.getAction()).doesNotContain("pa55word").doesNotContain("alice");
			});
	}

	@Test
	void clientSettingsApplyOverCommonSettings() {
		KafkaSettings common = new KafkaSettings().addAll(Map.of("client.id", "app", "broker.address.family", "v6"),
				"karafka.kafka");
		KafkaSettings consumer = new KafkaSettings()
			.addAll(Map.of("client.id", "consumer", "socket.keepalive.enable", "true"), "karafka.consumer.kafka");
		ClientSettings settings = KafkaSettingsTranslator.translate(common,
				Map.of(ClientType.CONSUMER, consumer, ClientType.PRODUCER, new KafkaSettings()));
		assertThat(settings.forClient(ClientType.CONSUMER).properties()).containsEntry("client.id", "consumer");
		assertThat(settings.forClient(ClientType.PRODUCER).properties()).containsEntry("client.id", "app");
		assertThat(settings.ignoredSettings()).containsExactlyInAnyOrder("broker.address.family",
				"socket.keepalive.enable");
	}

	@Test
	void clientSettingsAreCheckedNamingTheirOwnKey() {
		KafkaSettings consumer = new KafkaSettings().addAll(Map.of("max.poll.records", "0"), "karafka.consumer.kafka");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(
					() -> KafkaSettingsTranslator.translate(new KafkaSettings(), Map.of(ClientType.CONSUMER, consumer)))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("karafka.consumer.kafka.max.poll.records"));
	}

	@Test
	void settingUnknownToJavaClientsAndLibrdkafkaIsPassedAndReportedWithTheNameItProbablyMeans() {
		ClientSettings settings = translate(Map.of("fetch.wait.max.msx", "100", "schema.registry.url",
				"http://registry:8081", "fetch.wait.max.ms", "100", "max.poll.records", "10"));
		assertThat(settings.properties()).containsEntry("fetch.wait.max.msx", "100")
			.containsEntry("schema.registry.url", "http://registry:8081");
		assertThat(settings.unknownSettings())
			.containsOnlyKeys("karafka.kafka.fetch.wait.max.msx", "karafka.kafka.schema.registry.url")
			.containsEntry("karafka.kafka.fetch.wait.max.msx", "fetch.wait.max.ms")
			.containsEntry("karafka.kafka.schema.registry.url", null);
	}

	private static List<LibrdkafkaProperty> librdkafkaProperties() throws IOException {
		List<LibrdkafkaProperty> properties = new ArrayList<>();
		try (InputStream input = KafkaSettingsTranslatorTests.class
			.getResourceAsStream("/librdkafka/CONFIGURATION.md")) {
			assertThat(input).isNotNull();
			for (String line : new String(input.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String[] columns = line.split("(?<!\\\\)\\|");
				if (columns.length >= 6 && columns[0].trim().matches("[a-z_.]+")
						&& columns[1].trim().matches("[*CP]")) {
					String defaultValue = columns[3].trim().replace("\\|", "|");
					properties.add(new LibrdkafkaProperty(columns[0].trim(), columns[1].trim(), defaultValue));
				}
			}
		}
		return properties;
	}

	private static final Map<String, String> WALK_VALUES = Map.of("bootstrap.servers", "broker1:9092",
			"metadata.broker.list", "broker1:9092", "group.instance.id", "app-1", "transactional.id", "app-tx",
			"enable.auto.offset.store", "false");

	private static final Map<String, Set<String>> COMMIT_MODEL = Map.of("enable.auto.commit",
			Set.of("enable.auto.commit"), "auto.commit.enable", Set.of("enable.auto.commit"), "auto.commit.interval.ms",
			Set.of("auto.commit.interval.ms"), "enable.auto.offset.store", Set.of());

	private static final Set<String> REFUSED_WHEN_EMPTY = Set.of("ssl.key.location", "ssl.key.pem",
			"ssl.certificate.location", "ssl.certificate.pem", "ssl.ca.location", "ssl.ca.pem", "sasl.username",
			"sasl.password");

	private static final Map<String, String> JAVA_BEHAVIOUR = Map.of("broker.address.family", "any",
			"offset.store.method", "broker", "compression.codec", "inherit", "compression.level", "-1",
			"sasl.oauthbearer.method", "default", "sasl.oauthbearer.grant.type", "client_credentials",
			"enable.ssl.certificate.verification", "true");

	private record LibrdkafkaProperty(String name, String scope, String defaultValue) {

		List<ClientType> clientTypes() {
			return switch (this.scope) {
				case "C" -> List.of(ClientType.CONSUMER);
				case "P" -> List.of(ClientType.PRODUCER);
				default -> List.of(ClientType.values());
			};
		}

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
