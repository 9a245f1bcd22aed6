package dev.karafka.spring.diagnostics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterAccessFailure}.
 *
 * @author karafka-spring
 */
class ClusterAccessFailureTests {

	private static final NamePrefix PREFIX = NamePrefix.of("smoothboulder-1234.");

	@Test
	void saslFailureNamesTheCredentialsAndMsksDelay() {
		ClusterAccessFailure failure = ClusterAccessFailure
			.of(new ExecutionException(new SaslAuthenticationException("Authentication failed")), PREFIX);
		assertThat(failure.cause()).isEqualTo("authentication");
		assertThat(failure.error()).isEqualTo("Authentication failed");
		assertThat(failure.hint()).contains("sasl.username", "sasl.password", "SCRAM-SHA-512", "few minutes");
	}

	@Test
	void saslMechanismTheListenerDoesNotEnableIsAnAuthenticationCauseNamingTheMechanisms() {
		ClusterAccessFailure failure = ClusterAccessFailure.of(
				new UnsupportedSaslMechanismException(
						"Client SASL mechanism 'SCRAM-SHA-512' not enabled in the server, enabled mechanisms are []"),
				PREFIX);
		assertThat(failure.cause()).isEqualTo("authentication");
		assertThat(failure.error()).contains("enabled mechanisms are []");
		assertThat(failure.hint()).contains("does not enable the SASL mechanism of karafka.kafka[sasl.mechanisms]",
				"none means a listener without SASL");
		assertThat(ClusterAccessFailure
			.of(new IllegalSaslStateException(
					"Unexpected handshake request with client mechanism SCRAM-SHA-512, enabled mechanisms are []"),
					PREFIX)
			.hint()).isEqualTo(failure.hint());
	}

	@Test
	void tlsFailureNamesTheCertificatesAndTheProtocol() {
		ClusterAccessFailure failure = ClusterAccessFailure.of(new SslAuthenticationException("handshake"), PREFIX);
		assertThat(failure.cause()).isEqualTo("tls");
		assertThat(failure.hint()).contains("KAFKA_TRUSTED_CERT", "security.protocol");
	}

	@Test
	void unresolvableBootstrapServersNameDns() {
		ClusterAccessFailure failure = ClusterAccessFailure
			.of(new KafkaException("Failed to create new KafkaAdminClient",
					new ConfigException("No resolvable bootstrap urls given in bootstrap.servers")), PREFIX);
		assertThat(failure.cause()).isEqualTo("unreachable");
		assertThat(failure.error()).isEqualTo("No resolvable bootstrap urls given in bootstrap.servers");
		assertThat(failure.hint()).contains("resolves in DNS", "karafka.bootstrap-servers", "getent hosts");
	}

	@ParameterizedTest
	@EnumSource(names = { "MSK_IAM", "MSK_SCRAM" })
	void timeoutOnMskNamesThePortsOfMsk(ConnectionPlatform platform) {
		ClusterAccessFailure failure = ClusterAccessFailure.of(new TimeoutException("Timed out"), PREFIX, null,
				platform);
		assertThat(failure.cause()).isEqualTo("unreachable");
		assertThat(failure.hint()).contains("bootstrap.servers", "security.protocol",
				"AWS MSK: 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM");
		assertThat(ClusterAccessFailure.timedOut(5000, platform).hint()).contains("AWS MSK: 9092 plaintext");
	}

	@ParameterizedTest
	@EnumSource(names = { "MSK_IAM", "MSK_SCRAM" }, mode = EnumSource.Mode.EXCLUDE)
	void timeoutElsewhereLeavesMskOut(ConnectionPlatform platform) {
		ClusterAccessFailure failure = ClusterAccessFailure.of(new TimeoutException("Timed out"), PREFIX, null,
				platform);
		assertThat(failure.cause()).isEqualTo("unreachable");
		assertThat(failure.hint()).contains("bootstrap.servers", "security.protocol").doesNotContain("MSK", "9096");
		assertThat(ClusterAccessFailure.timedOut(5000, platform).hint()).doesNotContain("MSK");
		assertThat(ClusterAccessFailure.of(new TimeoutException("Timed out"), PREFIX).hint()).doesNotContain("MSK");
	}

	@Test
	void timeoutWithATlsToPlaintextHintFromTheClientLogTakesThatCauseAndHint() {
		ClusterAccessFailure failure = ClusterAccessFailure.timedOut(5000, ConnectionPlatform.SSL)
			.withLoggedConnectionCause(Map.of("tls-to-plaintext", "The connection ends during the TLS handshake.",
					"unreachable", "No broker answered."));
		assertThat(failure).isEqualTo(new ClusterAccessFailure("tls-to-plaintext", "No answer within 5000 ms",
				"The connection ends during the TLS handshake."));
	}

	@Test
	void loggedConnectionCauseDoesNotReplaceAnotherCause() {
		ClusterAccessFailure denied = ClusterAccessFailure.of(new TopicAuthorizationException("denied"), PREFIX,
				"smoothboulder-1234.orders");
		assertThat(denied.withLoggedConnectionCause(Map.of("tls-to-plaintext", "TLS to plaintext."))).isSameAs(denied);
		ClusterAccessFailure unreachable = ClusterAccessFailure.timedOut(5000);
		assertThat(unreachable.withLoggedConnectionCause(Map.of("unknown-topic.orders", "Missing.")))
			.isSameAs(unreachable);
	}

	@Test
	void deniedTopicIsNamedWithoutThePrefix() {
		ClusterAccessFailure failure = ClusterAccessFailure
			.of(new TopicAuthorizationException(Set.of("smoothboulder-1234.orders")), PREFIX);
		assertThat(failure.cause()).isEqualTo("topic-authorization");
		assertThat(failure.hint()).contains("topics [orders]", "karafka.prefix is 'smoothboulder-1234.'");
	}

	@Test
	void deniedTopicWithoutNamesInTheErrorIsNamedByTheTopicAskedFor() {
		ClusterAccessFailure failure = ClusterAccessFailure.of(new TopicAuthorizationException("denied"),
				NamePrefix.NONE, "orders");
		assertThat(failure.hint()).contains("topics [orders]", "karafka.prefix is empty");
	}

	@Test
	void deniedGroupGivesTheHerokuCommandWithoutThePrefix() {
		ClusterAccessFailure failure = ClusterAccessFailure
			.of(new GroupAuthorizationException("denied", "smoothboulder-1234.orders-service"), PREFIX);
		assertThat(failure.cause()).isEqualTo("group-authorization");
		assertThat(failure.hint()).contains("heroku kafka:consumer-groups:create orders-service'");
	}

	@Test
	void missingTopicNamesAutoCreation() {
		ClusterAccessFailure failure = ClusterAccessFailure.of(new UnknownTopicOrPartitionException("missing"), PREFIX);
		assertThat(failure.cause()).isEqualTo("unknown-topic");
		assertThat(failure.hint()).contains("auto.create.topics.enable");
	}

	@Test
	void otherErrorsKeepTheirMessage() {
		ClusterAccessFailure failure = ClusterAccessFailure.of(new IllegalStateException("boom"), PREFIX);
		assertThat(failure.cause()).isEqualTo("error");
		assertThat(failure.error()).isEqualTo("boom");
	}

}
