package dev.karafka.spring.diagnostics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.karafka.spring.diagnostics.hint.ClientErrorHints;
import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Why the cluster, a topic or a group could not be read, with the setting or ACL that is
 * the likely cause, after the troubleshooting of Karafka's deployment guide. Only the
 * Kafka client's error message is kept, never configuration values.
 *
 * @param cause the kind of failure: {@code authentication}, {@code tls},
 * {@code tls-to-plaintext}, {@code plaintext-to-tls}, {@code unreachable},
 * {@code topic-authorization}, {@code group-authorization},
 * {@code cluster-authorization}, {@code unknown-topic} or {@code error}
 * @param error the Kafka client's error message
 * @param hint what to check, in the application's terms (names without the prefix)
 * @author karafka-spring
 * @since 0.1.0
 */
public record ClusterAccessFailure(String cause, String error, String hint) {

	private static final String UNREACHABLE_HINT = "No broker answered. Check the host and port of bootstrap.servers "
			+ "and that security.protocol matches the listener: a TLS port dialled in PLAINTEXT, or the reverse, shows "
			+ "as a timeout or a disconnect.";

	private static final String MSK_PORTS = " AWS MSK: 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM.";

	/**
	 * The connection causes that the clients only log, and that reach the caller of an
	 * admin call as a timeout: a plaintext listener dialled with TLS, a TLS listener
	 * dialled in plaintext.
	 */
	private static final List<String> LOGGED_CONNECTION_CAUSES = List.of("tls-to-plaintext", "plaintext-to-tls");

	/**
	 * Return the failure that a Kafka client error, or one of its causes, describes.
	 * @param failure the error of an admin call
	 * @param prefix the prefix of the names the brokers see
	 * @return the failure
	 */
	public static ClusterAccessFailure of(Throwable failure, NamePrefix prefix) {
		return of(failure, prefix, null);
	}

	/**
	 * Return the failure that a Kafka client error about one topic, or one of its causes,
	 * describes.
	 * @param failure the error of an admin call
	 * @param prefix the prefix of the names the brokers see
	 * @param topic the topic the call was about, as the brokers see it, or {@code null}
	 * @return the failure
	 */
	public static ClusterAccessFailure of(Throwable failure, NamePrefix prefix, @Nullable String topic) {
		return of(failure, prefix, topic, null);
	}

	/**
	 * Return the failure that a Kafka client error about one topic, or one of its causes,
	 * describes, with the hints of the given platform (the AWS MSK ports on MSK only).
	 * @param failure the error of an admin call
	 * @param prefix the prefix of the names the brokers see
	 * @param topic the topic the call was about, as the brokers see it, or {@code null}
	 * @param platform the platform the client settings describe, or {@code null} when
	 * unknown
	 * @return the failure
	 */
	public static ClusterAccessFailure of(Throwable failure, NamePrefix prefix, @Nullable String topic,
			@Nullable ConnectionPlatform platform) {
		Assert.notNull(failure, "'failure' must not be null");
		Assert.notNull(prefix, "'prefix' must not be null");
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			ClusterAccessFailure known = known(candidate, prefix, topic, platform);
			if (known != null) {
				return known;
			}
		}
		return new ClusterAccessFailure("error", message(failure),
				"Unexpected error of the Kafka client; the application's log has the details.");
	}

	/**
	 * Return the failure of a cluster that did not answer within the timeout.
	 * @param timeoutMillis the timeout in milliseconds
	 * @return the failure
	 */
	public static ClusterAccessFailure timedOut(long timeoutMillis) {
		return timedOut(timeoutMillis, null);
	}

	/**
	 * Return the failure of a cluster that did not answer within the timeout, with the
	 * hints of the given platform (the AWS MSK ports on MSK only).
	 * @param timeoutMillis the timeout in milliseconds
	 * @param platform the platform the client settings describe, or {@code null} when
	 * unknown
	 * @return the failure
	 */
	public static ClusterAccessFailure timedOut(long timeoutMillis, @Nullable ConnectionPlatform platform) {
		return new ClusterAccessFailure("unreachable", "No answer within " + timeoutMillis + " ms",
				unreachableHint(platform));
	}

	/**
	 * Return this failure, or, when it is {@code unreachable} and the clients' log showed
	 * a connection cause that reaches an admin call only as a timeout, that cause with
	 * its hint: {@code tls-to-plaintext} (the connection ends during the TLS handshake: a
	 * plaintext listener dialled with TLS) or {@code plaintext-to-tls}. The error stays
	 * the Kafka client's.
	 * @param activeHints the active hints detected from the clients' log, by key (see
	 * {@code TroubleshootingHints})
	 * @return the failure with the logged cause, or this failure
	 */
	public ClusterAccessFailure withLoggedConnectionCause(Map<String, String> activeHints) {
		Assert.notNull(activeHints, "'activeHints' must not be null");
		if (!"unreachable".equals(this.cause)) {
			return this;
		}
		for (String cause : LOGGED_CONNECTION_CAUSES) {
			String hint = activeHints.get(cause);
			if (hint != null) {
				return new ClusterAccessFailure(cause, this.error, hint);
			}
		}
		return this;
	}

	/**
	 * Return whether a failure is the Java client's refusal of bootstrap servers of which
	 * no host resolves in DNS (Apache Kafka's {@code ClientUtils}: a
	 * {@code ConfigException} "No resolvable bootstrap urls given in bootstrap.servers",
	 * thrown when a client is created).
	 * @param failure the failure
	 * @return whether no bootstrap server resolves
	 */
	public static boolean isUnresolvableBootstrapServers(Throwable failure) {
		return failure instanceof ConfigException && failure.getMessage() != null
				&& failure.getMessage().startsWith("No resolvable bootstrap urls");
	}

	private static @Nullable ClusterAccessFailure known(Throwable failure, NamePrefix prefix, @Nullable String topic,
			@Nullable ConnectionPlatform platform) {
		String error = message(failure);
		if (failure instanceof SaslAuthenticationException) {
			return new ClusterAccessFailure("authentication", error,
					"The brokers refused the credentials. Check sasl.username, sasl.password and sasl.mechanism "
							+ "(AWS MSK SCRAM: SCRAM-SHA-512, and a new secret takes a few minutes to become active; "
							+ "IAM: karafka.msk.iam.enabled and the role's kafka-cluster permissions).");
		}
		if (failure instanceof UnsupportedSaslMechanismException || failure instanceof IllegalSaslStateException) {
			return new ClusterAccessFailure("authentication", error, ClientErrorHints.SASL_MECHANISM_FIX);
		}
		if (failure instanceof SslAuthenticationException) {
			return new ClusterAccessFailure("tls", error,
					"The TLS handshake failed. Check the CA certificate (ssl.ca.pem, KAFKA_TRUSTED_CERT), the client "
							+ "certificate and key, and that security.protocol matches the listener of the port.");
		}
		if (isUnresolvableBootstrapServers(failure)) {
			return new ClusterAccessFailure("unreachable", error,
					"No host of bootstrap.servers resolves in DNS. Check the host names (karafka.bootstrap-servers, "
							+ "KAFKA_URL, spring.kafka.bootstrap-servers) and that this machine resolves them "
							+ "('getent hosts <host>'): a Kubernetes Service or a cloud cluster may not exist yet.");
		}
		if (failure instanceof TimeoutException || failure instanceof NetworkException
				|| failure instanceof DisconnectException) {
			return new ClusterAccessFailure("unreachable", error, unreachableHint(platform));
		}
		if (failure instanceof TopicAuthorizationException denied) {
			Set<String> topics = logicalNames((denied.unauthorizedTopics().isEmpty() && topic != null) ? Set.of(topic)
					: denied.unauthorizedTopics(), prefix);
			return new ClusterAccessFailure("topic-authorization", error, "The principal may not use the topics "
					+ topics + ". Check the prefix (karafka.prefix" + describe(prefix)
					+ ") and the principal's topic ACLs; with allow.everyone.if.no.acl.found, a topic without ACLs "
					+ "is open but creating one needs CREATE on the cluster or the topic.");
		}
		if (failure instanceof GroupAuthorizationException denied) {
			String group = (denied.groupId() != null) ? prefix.logicalName(denied.groupId()) : "of the application";
			return new ClusterAccessFailure("group-authorization", error,
					"The principal may not use the consumer group " + group + ". Check the prefix (karafka.prefix"
							+ describe(prefix) + ") and the principal's group ACLs; on Heroku, create the group with "
							+ "'heroku kafka:consumer-groups:create " + group + "'.");
		}
		if (failure instanceof ClusterAuthorizationException) {
			return new ClusterAccessFailure("cluster-authorization", error,
					"The principal lacks an ACL on the cluster resource (for example DESCRIBE or CREATE).");
		}
		if (failure instanceof UnknownTopicOrPartitionException) {
			return new ClusterAccessFailure("unknown-topic", error,
					"The topic does not exist. Create it (a NewTopic bean, KarafkaAdmin or the platform's CLI); "
							+ "the brokers may deny auto-creation (auto.create.topics.enable, CREATE ACL).");
		}
		return null;
	}

	private static String unreachableHint(@Nullable ConnectionPlatform platform) {
		boolean msk = platform == ConnectionPlatform.MSK_IAM || platform == ConnectionPlatform.MSK_SCRAM;
		return UNREACHABLE_HINT + (msk ? MSK_PORTS : "");
	}

	private static Set<String> logicalNames(Set<String> names, NamePrefix prefix) {
		Set<String> logical = new TreeSet<>();
		names.forEach((name) -> logical.add(prefix.logicalName(name)));
		return logical;
	}

	private static String describe(NamePrefix prefix) {
		return prefix.isEmpty() ? " is empty" : " is '" + prefix.value() + "'";
	}

	private static String message(Throwable failure) {
		String message = failure.getMessage();
		return (message != null) ? message : failure.getClass().getName();
	}

}
