package dev.karafka.spring.diagnostics.hint;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A cause of Karafka's troubleshooting lists detected from a Kafka client error, with
 * what to change. Built from names, addresses and setting names only, never from setting
 * values or the clients' messages, so it holds no secret.
 *
 * @param cause the cause: {@code authentication}, {@code sasl-mechanism}, {@code tls},
 * {@code plaintext-to-tls}, {@code tls-to-plaintext}, {@code unreachable},
 * {@code replication-factor}, {@code topic-authorization}, {@code group-authorization},
 * {@code unknown-topic} or {@code fenced-instance}
 * @param subject the topic or group the cause is about, as the application names it
 * (without the prefix), or {@code null}
 * @param text the cause and its fix, in one or more sentences
 * @author karafka-spring
 * @since 0.1.0
 */
public record Hint(String cause, @Nullable String subject, String text) {

	/**
	 * The causes that are about the connection to the brokers, whatever the topic or
	 * group.
	 */
	public static final Set<String> CONNECTION_CAUSES = Set.of("authentication", "sasl-mechanism", "tls",
			"plaintext-to-tls", "tls-to-plaintext", "unreachable");

	/**
	 * The causes that are about the principal's ACLs.
	 */
	public static final Set<String> AUTHORIZATION_CAUSES = Set.of("topic-authorization", "group-authorization");

	/**
	 * Return the key of this hint: the cause, and the subject if any, for example
	 * {@code group-authorization.orders-service}.
	 * @return the key
	 */
	public String key() {
		return (this.subject != null) ? this.cause + "." + this.subject : this.cause;
	}

}
