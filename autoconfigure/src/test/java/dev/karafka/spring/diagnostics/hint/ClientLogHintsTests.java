package dev.karafka.spring.diagnostics.hint;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import dev.karafka.spring.MutableClock;
import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.KafkaException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientLogHints} with the messages Apache Kafka 4.1 clients log.
 *
 * @author karafka-spring
 */
class ClientLogHintsTests {

	private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";

	private final Map<String, Object> configuration = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092"));

	private final ClientErrorHints errors = new ClientErrorHints(NamePrefix.of("tenant-1."), () -> this.configuration,
			() -> false, () -> null);

	private final MutableClock clock = new MutableClock();

	private final TroubleshootingHints hints = new TroubleshootingHints(this.errors, Duration.ofMinutes(1), this.clock);

	private final ClientLogHints logHints = new ClientLogHints(this.hints, this.errors);

	@Test
	void connectionThatCouldNotBeEstablishedIsUnreachableAtItsAddress() {
		this.configuration.put("bootstrap.servers", List.of("localhost:1"));
		observe(Level.WARN, "[Consumer clientId=consumer-orders-1, groupId=orders] Connection to node -1 "
				+ "(localhost/127.0.0.1:1) could not be established. Node may not be available.");
		assertThat(this.hints.activeHints()).containsOnlyKeys("unreachable");
		assertThat(this.hints.activeHints().get("unreachable"))
			.startsWith("No broker answered at localhost/127.0.0.1:1 ");
	}

	@Test
	void bootstrapServerOfAnotherApplicationIsNoHint() {
		this.configuration.put("bootstrap.servers", "localhost:9092,localhost:9093");
		observe(Level.WARN, "[Consumer clientId=consumer-orders-1, groupId=orders] Connection to node -1 "
				+ "(localhost/127.0.0.1:1) could not be established. Node may not be available.");
		assertThat(this.hints.activeHints()).isEmpty();
	}

	@Test
	void brokerOfARunningClusterGoingDownIsNoHint() {
		observe(Level.WARN, "[Consumer clientId=consumer-orders-1, groupId=orders] Connection to node 2 "
				+ "(b-2.orders.kafka.us-east-1.amazonaws.com/10.0.0.2:9096) could not be established. Node may not be "
				+ "available.");
		assertThat(this.hints.activeHints()).isEmpty();
	}

	@Test
	void cancelledApiVersionsRequestOfAPlaintextClientIsATlsListenerDialledInPlaintext() {
		observe(Level.INFO, "[AdminClient clientId=adminclient-1] Cancelled in-flight API_VERSIONS request with "
				+ "correlation id 0 due to node -1 being disconnected (elapsed time since creation: 21ms, elapsed time "
				+ "since send: 21ms, throttle time: 0ms, request timeout: 3600000ms)");
		assertThat(this.hints.activeHints()).containsOnlyKeys("plaintext-to-tls");
	}

	@Test
	void cancelledApiVersionsRequestOfATlsClientIsNoHint() {
		this.configuration.put("security.protocol", "SSL");
		observe(Level.INFO, "[AdminClient clientId=adminclient-1] Cancelled in-flight API_VERSIONS request with "
				+ "correlation id 0 due to node -1 being disconnected");
		assertThat(this.hints.activeHints()).isEmpty();
	}

	@Test
	void connectionOfATlsClientTerminatedDuringAuthenticationIsAPlaintextListenerDialledWithTls() {
		this.configuration.put("security.protocol", "SASL_SSL");
		this.configuration.put("bootstrap.servers", "127.0.0.1:40383");
		observe(Level.WARN, "[AdminClient clientId=adminclient-3] Connection to node -1 (localhost/127.0.0.1:40383) "
				+ "terminated during authentication. This may happen due to any of the following reasons: (1) "
				+ "Firewall blocking Kafka TLS traffic (eg it may only allow HTTPS traffic), (2) Transient network "
				+ "issue.");
		assertThat(this.hints.activeHints()).containsOnlyKeys("tls-to-plaintext");
		assertThat(this.hints.activeHints().get("tls-to-plaintext")).contains("localhost/127.0.0.1:40383");
	}

	@Test
	void unknownTopicsOfAMetadataResponseAreMissingTopicsInTheApplicationsNames() {
		for (int i = 0; i < 2; i++) {
			observe(Level.WARN, "[Consumer clientId=consumer-g-1, groupId=g] The metadata response from the cluster "
					+ "reported a recoverable issue with correlation id 2 : {tenant-1.orders=UNKNOWN_TOPIC_OR_PARTITION, "
					+ "tenant-1.audit=LEADER_NOT_AVAILABLE, tenant-1.payments=UNKNOWN_TOPIC_OR_PARTITION}");
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(this.hints.activeHints()).containsOnlyKeys("unknown-topic.orders", "unknown-topic.payments");
	}

	@Test
	void deniedTopicsOfAMetadataResponseAreTopicAuthorizationFailures() {
		observe(Level.WARN, "[Producer clientId=producer-1] The metadata response from the cluster reported a "
				+ "recoverable issue with correlation id 7 : {tenant-1.orders-dlq=TOPIC_AUTHORIZATION_FAILED}");
		assertThat(this.hints.activeHints()).containsOnlyKeys("topic-authorization.orders-dlq");
	}

	@Test
	void errorLoggedWithItsExceptionGivesTheHintOfItsCause() {
		this.logHints.observe("org.springframework.kafka.core.KafkaAdmin", Level.ERROR, "Could not configure topics",
				new KafkaException("Failed to create topics", new InvalidReplicationFactorException(
						"Unable to replicate the partition 3 time(s): only 1 broker(s) are registered.")));
		assertThat(this.hints.activeHints()).containsOnlyKeys("replication-factor");
	}

	@Test
	void exceptionLoggedBelowWarnIsNoHint() {
		this.logHints.observe("org.apache.kafka.clients.admin.internals.AdminMetadataManager", Level.INFO,
				"Metadata update failed", new InvalidReplicationFactorException("no"));
		assertThat(this.hints.activeHints()).isEmpty();
	}

	private void observe(Level level, String message) {
		this.logHints.observe(NETWORK_CLIENT, level, message, null);
	}

}
