package dev.karafka.spring.diagnostics.hint;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import dev.karafka.spring.readiness.KafkaLogObserver;
import org.jspecify.annotations.Nullable;

/**
 * {@link KafkaLogObserver} that reports to {@link TroubleshootingHints} the causes the
 * Kafka clients only log: for connections to the application's bootstrap servers (nodes
 * with a negative id; one broker of a running cluster going down is no setting's fault),
 * a connection refused or timed out, a TLS listener dialled in plaintext (the client logs
 * that its {@code API_VERSIONS} request was cancelled by a disconnection, the Java
 * client's "Disconnected while requesting ApiVersion") and a plaintext listener dialled
 * with TLS (the connection "terminated during authentication"); for any client, a missing
 * topic ({@code UNKNOWN_TOPIC_OR_PARTITION} in a metadata response) and a denied topic
 * ({@code TOPIC_AUTHORIZATION_FAILED}, also where no exception is logged, as for
 * dead-letter publishing); and the client errors that spring-kafka logs with their
 * exception (listener containers retrying authorization, failed sends, topic creation at
 * start-up). Messages are matched as Apache Kafka 4.1 writes them.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ClientLogHints implements KafkaLogObserver {

	private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";

	private static final String BOOTSTRAP_NODE = "node -";

	private static final Pattern ADDRESS = Pattern.compile("node -?\\d+ \\(([^)\\s]+)\\)");

	private static final Pattern UNKNOWN_TOPIC = Pattern.compile("([^\\s{},=]+)=UNKNOWN_TOPIC_OR_PARTITION");

	private static final Pattern DENIED_TOPIC = Pattern.compile("([^\\s{},=]+)=TOPIC_AUTHORIZATION_FAILED");

	private final TroubleshootingHints hints;

	private final ClientErrorHints errors;

	/**
	 * Create a new instance.
	 * @param hints the hints to report to
	 * @param errors the hints of client errors
	 */
	public ClientLogHints(TroubleshootingHints hints, ClientErrorHints errors) {
		this.hints = hints;
		this.errors = errors;
	}

	@Override
	public void observe(String loggerName, Level level, String message, @Nullable Throwable throwable) {
		if (throwable != null && level.isGreaterOrEqual(Level.WARN)) {
			this.hints.report(throwable);
		}
		if (!NETWORK_CLIENT.equals(loggerName)) {
			return;
		}
		if (message.contains(BOOTSTRAP_NODE)) {
			observeBootstrapConnection(message);
		}
		else {
			reportTopics(message, "=UNKNOWN_TOPIC_OR_PARTITION", UNKNOWN_TOPIC, this.errors::unknownTopic);
			reportTopics(message, "=TOPIC_AUTHORIZATION_FAILED", DENIED_TOPIC, this.errors::topicAuthorization);
		}
	}

	private void observeBootstrapConnection(String message) {
		String address = address(message);
		if (address != null && !this.errors.isBootstrapServer(address)) {
			return;
		}
		if (message.contains("could not be established")) {
			this.hints.report(this.errors.unreachable(address));
		}
		else if (message.contains("terminated during authentication") && this.errors.usesTls()) {
			this.hints.report(this.errors.tlsToPlaintext(address));
		}
		else if (message.contains("Cancelled in-flight API_VERSIONS request") && !this.errors.usesTls()) {
			this.hints.report(this.errors.plaintextToTls(address));
		}
	}

	private void reportTopics(String message, String error, Pattern topicError, Function<String, Hint> hint) {
		if (message.contains(error)) {
			Matcher topics = topicError.matcher(message);
			while (topics.find()) {
				this.hints.report(hint.apply(topics.group(1)));
			}
		}
	}

	private static @Nullable String address(String message) {
		Matcher address = ADDRESS.matcher(message);
		return address.find() ? address.group(1) : null;
	}

}
