package dev.karafka.spring.diagnostics.hint;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.karafka.spring.MutableClock;
import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.KafkaException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TroubleshootingHints} and the texts of {@link ClientErrorHints}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class TroubleshootingHintsTests {

	private static final Duration SILENCE = Duration.ofMinutes(1);

	private final MutableClock clock = new MutableClock();

	private final Map<String, Object> configuration = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092"));

	private boolean heroku;

	private @Nullable String bootstrapServersOrigin;

	private final ClientErrorHints errors = new ClientErrorHints(NamePrefix.of("tenant-1."), () -> this.configuration,
			() -> this.heroku, () -> this.bootstrapServersOrigin);

	private final TroubleshootingHints hints = new TroubleshootingHints(this.errors, SILENCE, this.clock);

	@Test
	void causeReportedAgainIsLoggedOnce(CapturedOutput output) {
		for (int i = 0; i < 5; i++) {
			this.hints.report(new KafkaException("Send failed",
					new TopicAuthorizationException(Set.of("tenant-1.orders", "tenant-1.audit"))));
		}
		assertThat(this.hints.activeHints()).containsOnlyKeys("topic-authorization.audit",
				"topic-authorization.orders");
		assertThat(output.getOut().split("Kafka hint \\[topic-authorization.orders]", -1)).hasSize(2);
		assertThat(output.getOut()).contains("WARN").contains("Kafka hint [topic-authorization.audit]: ");
	}

	@Test
	void successfulClusterCheckEndsTheConnectionHintsOnly() {
		this.hints.report(this.errors.unreachable("localhost/127.0.0.1:9092"));
		this.hints.report(GroupAuthorizationException.forGroupId("tenant-1.orders-service"));
		this.hints.clusterChecked(null);
		assertThat(this.hints.activeHints()).containsOnlyKeys("group-authorization.orders-service");
	}

	@Test
	void saslMechanismTheListenerDoesNotEnableIsAConnectionHint() {
		this.hints
			.report(new KafkaException("Failed to create new KafkaAdminClient", new UnsupportedSaslMechanismException(
					"Client SASL mechanism 'SCRAM-SHA-512' not enabled in the server, enabled mechanisms are []")));
		assertThat(this.hints.activeHints()).containsOnlyKeys("sasl-mechanism");
		this.hints.clusterChecked(null);
		assertThat(this.hints.activeHints()).isEmpty();
	}

	@Test
	void listenerPassingAuthorizationEndsTheAuthorizationHintsOfItsGroupAndTopics() {
		this.hints.report(GroupAuthorizationException.forGroupId("tenant-1.orders-service"));
		this.hints.report(GroupAuthorizationException.forGroupId("tenant-1.audit-service"));
		this.hints.report(new TopicAuthorizationException(Set.of("tenant-1.orders", "tenant-1.audit")));
		this.hints.report(new SaslAuthenticationException("Authentication failed"));
		this.hints.clearAuthorization("tenant-1.orders-service", List.of("tenant-1.orders"));
		assertThat(this.hints.activeHints()).containsOnlyKeys("group-authorization.audit-service",
				"topic-authorization.audit", "authentication");
	}

	@Test
	void readinessTimeoutIsUnreachableUnlessAMoreSpecificConnectionCauseIsActive() {
		this.hints.clusterChecked(new TimeoutException("No broker answered within 1000 ms"));
		assertThat(this.hints.activeHints()).containsOnlyKeys("unreachable");
		this.hints.clusterChecked(null);
		this.hints.report(this.errors.plaintextToTls(null));
		this.hints.clusterChecked(new TimeoutException("No broker answered within 1000 ms"));
		assertThat(this.hints.activeHints()).containsOnlyKeys("plaintext-to-tls");
	}

	@Test
	void brokerAnsweringWithAnotherConnectionCauseEndsUnreachable() {
		this.hints.clusterChecked(new TimeoutException("No broker answered within 1000 ms"));
		this.hints.report(this.errors.tlsToPlaintext("localhost/127.0.0.1:9092"));
		assertThat(this.hints.activeHints()).containsOnlyKeys("tls-to-plaintext");
	}

	@Test
	void authorizationHintsEndWhenTheClientsStopReportingThem() {
		this.hints.report(GroupAuthorizationException.forGroupId("tenant-1.orders-service"));
		this.hints.report(this.errors.topicAuthorization("tenant-1.orders-dlq"));
		this.hints.report(new SaslAuthenticationException("Authentication failed"));
		this.clock.advance(SILENCE.plusSeconds(1));
		assertThat(this.hints.activeHints()).containsOnlyKeys("authentication");
	}

	@Test
	void missingTopicBecomesAHintOnceReportedForTenSeconds(CapturedOutput output) {
		this.hints.report(this.errors.unknownTopic("tenant-1.orders"));
		this.clock.advance(Duration.ofSeconds(9));
		this.hints.report(this.errors.unknownTopic("tenant-1.orders"));
		assertThat(this.hints.activeHints()).isEmpty();
		assertThat(output.getOut()).doesNotContain("Kafka hint");
		this.clock.advance(Duration.ofSeconds(1));
		this.hints.report(this.errors.unknownTopic("tenant-1.orders"));
		assertThat(this.hints.activeHints()).containsOnlyKeys("unknown-topic.orders");
		assertThat(output.getOut()).contains("Kafka hint [unknown-topic.orders]: ");
	}

	@Test
	void topicTheBrokersCreateOnFirstRequestIsNoHint(CapturedOutput output) {
		this.hints.report(this.errors.unknownTopic("tenant-1.orders"));
		this.clock.advance(Duration.ofMillis(150));
		this.hints.report(this.errors.unknownTopic("tenant-1.orders"));
		this.clock.advance(Duration.ofSeconds(31));
		this.hints.report(this.errors.unknownTopic("tenant-1.orders"));
		assertThat(this.hints.activeHints()).isEmpty();
		assertThat(output.getOut()).doesNotContain("Kafka hint");
	}

	@Test
	void missingTopicHintEndsThirtySecondsAfterTheClientsLastReportedIt() {
		confirmMissingTopic("tenant-1.orders");
		this.hints.report(GroupAuthorizationException.forGroupId("tenant-1.orders-service"));
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.hints.activeHints()).containsOnlyKeys("unknown-topic.orders",
				"group-authorization.orders-service");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.hints.activeHints()).containsOnlyKeys("group-authorization.orders-service");
		this.hints.report(this.errors.unknownTopic("tenant-1.orders"));
		assertThat(this.hints.activeHints()).containsOnlyKeys("group-authorization.orders-service");
	}

	@Test
	void readinessHintJoinsTheActiveHints() {
		this.hints.report(this.errors.replicationFactor());
		confirmMissingTopic("tenant-1.orders");
		assertThat(this.hints.hint()).isEqualTo(
				this.errors.replicationFactor().text() + " " + this.errors.unknownTopic("tenant-1.orders").text());
	}

	@Test
	void herokuGroupHintGivesTheCliCommandWithTheNameWithoutPrefix() {
		this.heroku = true;
		this.configuration.put("security.protocol", "SSL");
		Hint hint = this.errors.groupAuthorization("tenant-1.orders-service");
		assertThat(hint.key()).isEqualTo("group-authorization.orders-service");
		assertThat(hint.text()).contains("heroku kafka:consumer-groups:create orders-service.")
			.contains("('tenant-1.orders-service' to the brokers)");
	}

	@Test
	void unreachableMskScramBrokerHintsAtPort9096() {
		mskScram();
		assertThat(this.errors.unreachable(null).text()).contains("AWS MSK serves SASL/SCRAM on port 9096.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PLAINTEXT", "SSL", "SASL_SSL" })
	void unreachableBrokerOffMskNamesNoMskPort(String protocol) {
		this.configuration.put("bootstrap.servers", "kafka-1.internal:9093");
		this.configuration.put("security.protocol", protocol);
		this.configuration.put("sasl.mechanism", "SCRAM-SHA-512");
		assertThat(this.errors.unreachable(null).text()).contains("karafka.bootstrap-servers")
			.doesNotContain("AWS MSK");
		assertThat(this.errors.tlsToPlaintext(null).text()).doesNotContain("AWS MSK");
		assertThat(this.errors.plaintextToTls(null).text()).doesNotContain("AWS MSK");
	}

	@Test
	void unreachableBrokerNamesWhereTheBootstrapServersComeFrom() {
		this.bootstrapServersOrigin = "'karafka.dev-broker.port' (the in-process development broker)";
		assertThat(this.errors.unreachable("localhost/127.0.0.1:9092").text())
			.contains("the bootstrap servers, from 'karafka.dev-broker.port' (the in-process development broker)")
			.doesNotContain("karafka.bootstrap-servers");
	}

	@Test
	void unreachableMskIamBrokerHintsAtPort9098() {
		this.configuration.put("security.protocol", "SASL_SSL");
		this.configuration.put("sasl.mechanism", "AWS_MSK_IAM");
		assertThat(this.errors.unreachable(null).text()).contains("AWS MSK serves IAM authentication on port 9098.");
	}

	@Test
	void mskAuthenticationHintSaysNewSecretsTakeMinutes() {
		mskScram();
		assertThat(this.errors.of(new SaslAuthenticationException("Authentication failed"))).singleElement()
			.satisfies((hint) -> assertThat(hint.text()).contains("takes a few minutes to become active")
				.contains("associated with the cluster"));
	}

	@Test
	void fencedStaticMemberHintsAtStaticMembership() {
		this.hints.report(new KafkaException("Consumer fenced", new FencedInstanceIdException("Fenced")));
		assertThat(this.hints.activeHints()).containsOnlyKeys("fenced-instance");
		assertThat(this.hints.hint()).contains("karafka.static-membership.enabled=true");
	}

	private void confirmMissingTopic(String topic) {
		this.hints.report(this.errors.unknownTopic(topic));
		this.clock.advance(Duration.ofSeconds(10));
		this.hints.report(this.errors.unknownTopic(topic));
	}

	private void mskScram() {
		this.configuration.put("bootstrap.servers", "b-1.orders.abc123.c2.kafka.us-east-1.amazonaws.com:9092");
		this.configuration.put("security.protocol", "SASL_SSL");
		this.configuration.put("sasl.mechanism", "SCRAM-SHA-512");
	}

}
