package dev.karafka.spring.diagnostics.hint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.karafka.spring.diagnostics.ConnectionPlatform;
import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Hint hints} of the causes in the troubleshooting sections of Karafka's
 * deployment guide (AWS MSK, Heroku), in the application's terms: topic and group names
 * without the prefix, the {@code karafka.*} setting to change, the Heroku CLI command
 * and, on AWS MSK only, the port of the {@link ConnectionPlatform platform} the settings
 * describe.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ClientErrorHints {

	/**
	 * What to change when the brokers do not enable the client's SASL mechanism.
	 */
	public static final String SASL_MECHANISM_FIX = "The brokers' listener on this port does not enable the SASL "
			+ "mechanism of karafka.kafka[sasl.mechanisms] (the broker's answer, in the client's error, lists those it "
			+ "enables; none means a listener without SASL, PLAINTEXT or SSL). Use a mechanism it enables (AWS MSK: "
			+ "SCRAM-SHA-512 on port 9096, IAM on port 9098), the port of a SASL listener, or security.protocol SSL or "
			+ "PLAINTEXT without SASL settings for a listener without SASL.";

	private final NamePrefix prefix;

	private final Supplier<Map<String, Object>> configuration;

	private final BooleanSupplier herokuAttached;

	private final Supplier<@Nullable String> bootstrapServersOrigin;

	/**
	 * Create a new instance.
	 * @param prefix the prefix of the names the brokers see
	 * @param configuration the configuration of the application's clients (its admin
	 * client's)
	 * @param herokuAttached whether the Heroku add-on's environment gave the connection
	 * @param bootstrapServersOrigin where the clients' bootstrap servers come from (the
	 * settings that give them, the development broker, a container), or {@code null} when
	 * unknown
	 */
	public ClientErrorHints(NamePrefix prefix, Supplier<Map<String, Object>> configuration,
			BooleanSupplier herokuAttached, Supplier<@Nullable String> bootstrapServersOrigin) {
		this.prefix = prefix;
		this.configuration = configuration;
		this.herokuAttached = herokuAttached;
		this.bootstrapServersOrigin = bootstrapServersOrigin;
	}

	/**
	 * Return the hints of a Kafka client error, or of one of its causes.
	 * @param failure the error
	 * @return the hints, empty when the error is none of the known causes
	 */
	public List<Hint> of(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			List<Hint> hints = known(candidate);
			if (!hints.isEmpty()) {
				return hints;
			}
		}
		return List.of();
	}

	private List<Hint> known(Throwable failure) {
		if (failure instanceof SaslAuthenticationException) {
			return List.of(authentication());
		}
		if (failure instanceof UnsupportedSaslMechanismException || failure instanceof IllegalSaslStateException) {
			return List.of(saslMechanism());
		}
		if (failure instanceof SslAuthenticationException) {
			return List.of(tls());
		}
		if (failure instanceof InvalidReplicationFactorException) {
			return List.of(replicationFactor());
		}
		if (failure instanceof FencedInstanceIdException) {
			return List.of(fencedInstance());
		}
		if (failure instanceof TopicAuthorizationException denied) {
			List<Hint> hints = new ArrayList<>();
			denied.unauthorizedTopics().stream().sorted().forEach((topic) -> hints.add(topicAuthorization(topic)));
			return hints;
		}
		if (failure instanceof GroupAuthorizationException denied && denied.groupId() != null) {
			return List.of(groupAuthorization(denied.groupId()));
		}
		return List.of();
	}

	/**
	 * Return the hint of brokers refusing the SASL credentials.
	 * @return the hint
	 */
	public Hint authentication() {
		String platformNote = switch (platform()) {
			case MSK_SCRAM,
					SCRAM ->
				" On AWS MSK, a new SCRAM secret takes a few minutes to become active even when"
						+ " the cluster shows Active, and the secret must be associated with the cluster"
						+ " (aws kafka batch-associate-scram-secret); the mechanism is SCRAM-SHA-512.";
			case MSK_IAM -> " With AWS MSK IAM, the role needs kafka-cluster:Connect on the cluster.";
			case OAUTH -> " With OAUTHBEARER, check the token the provider returns (issuer, audience, expiry).";
			default -> "";
		};
		return new Hint("authentication", null,
				"The brokers refused the SASL credentials (authentication failed). Check the user name and password "
						+ "(karafka.kafka[sasl.username] and karafka.kafka[sasl.password], or sasl.jaas.config) and "
						+ "karafka.kafka[sasl.mechanisms]." + platformNote);
	}

	/**
	 * Return the hint of brokers whose listener does not enable the client's SASL
	 * mechanism ({@code UnsupportedSaslMechanismException}), or has no SASL at all
	 * ({@code IllegalSaslStateException}: "Unexpected handshake request").
	 * @return the hint
	 */
	public Hint saslMechanism() {
		return new Hint("sasl-mechanism", null, SASL_MECHANISM_FIX);
	}

	/**
	 * Return the hint of a failed TLS handshake.
	 * @return the hint
	 */
	public Hint tls() {
		return new Hint("tls", null, "The TLS handshake with the brokers failed. Check the CA certificate "
				+ "(karafka.kafka[ssl.ca.pem], KAFKA_TRUSTED_CERT on Heroku), the client certificate and key, and that "
				+ "security.protocol (now " + securityProtocol() + ") matches the listener of the port.");
	}

	/**
	 * Return the hint of a broker that closes connections while the client requests its
	 * API versions: a TLS listener dialled in plaintext (librdkafka's "Disconnected while
	 * requesting ApiVersion").
	 * @param address the broker's address as the client logged it, or {@code null} when
	 * unknown
	 * @return the hint
	 */
	public Hint plaintextToTls(@Nullable String address) {
		return new Hint("plaintext-to-tls", null, "The broker" + at(address)
				+ " closes the connection while the client requests its API versions: its port is probably a TLS "
				+ "listener dialled in plaintext (security.protocol is " + securityProtocol() + "). Set "
				+ "karafka.kafka[security.protocol] to SSL or SASL_SSL, or use the broker's plaintext port."
				+ portNote());
	}

	/**
	 * Return the hint of a connection that ends during the TLS handshake: a plaintext
	 * listener dialled with TLS.
	 * @param address the broker's address as the client logged it, or {@code null} when
	 * unknown
	 * @return the hint
	 */
	public Hint tlsToPlaintext(@Nullable String address) {
		return new Hint("tls-to-plaintext", null,
				"The connection to the broker" + at(address)
						+ " ends during the TLS handshake: its port is probably a plaintext listener dialled with TLS "
						+ "(security.protocol is " + securityProtocol() + "). Use the broker's TLS port, or set "
						+ "karafka.kafka[security.protocol] to PLAINTEXT or SASL_PLAINTEXT." + portNote());
	}

	/**
	 * Return the hint of brokers that refuse connections or do not answer, naming where
	 * the bootstrap servers come from when that is known.
	 * @param address the broker's address as the client logged it, or {@code null} when
	 * unknown
	 * @return the hint
	 */
	public Hint unreachable(@Nullable String address) {
		return new Hint("unreachable", null,
				"No broker answered" + at(address)
						+ " (connection refused or timed out). Check the host and port of the bootstrap servers, from "
						+ bootstrapServersOrigin() + ", and that this host may reach the brokers (security groups and "
						+ "firewalls; their changes take a while to apply)." + portNote());
	}

	/**
	 * Return the hint of a topic created with more replicas than the cluster has brokers.
	 * @return the hint
	 */
	public Hint replicationFactor() {
		return new Hint("replication-factor", null, "A topic was created with a replication factor larger than "
				+ "the number of brokers (invalid replication factor). Lower the replicas of the application's "
				+ "NewTopic beans (TopicBuilder.replicas) to at most the number of brokers, or leave them unset to use "
				+ "the brokers' default.replication.factor, which must not exceed it either (on AWS MSK: the number "
				+ "of zones of the cluster's brokers).");
	}

	/**
	 * Return the hint of a static member fenced by another consumer with the same
	 * {@code group.instance.id}.
	 * @return the hint
	 */
	public Hint fencedInstance() {
		return new Hint("fenced-instance", null, "A consumer was fenced: another consumer of its group joined with "
				+ "the same group.instance.id, so this one stopped (liveness: unrecoverable). Give every consumer its "
				+ "own id with karafka.static-membership.enabled=true (unique per pod or host, listener and consumer "
				+ "thread) instead of a fixed group.instance.id in karafka.kafka or spring.kafka.");
	}

	/**
	 * Return the hint of a topic the principal may not use.
	 * @param topic the topic as the brokers see it
	 * @return the hint
	 */
	public Hint topicAuthorization(String topic) {
		String logical = this.prefix.logicalName(topic);
		return new Hint("topic-authorization", logical,
				"The brokers deny the principal topic '" + logical + "'" + physical(topic) + " (topic authorization "
						+ "failed)." + prefixNote() + " Otherwise grant the principal ACLs on topic '" + topic
						+ "' (READ to consume, WRITE to produce); allow.everyone.if.no.acl.found=false also denies "
						+ "auto-creating a topic without a CREATE ACL, whatever auto.create.topics.enable says.");
	}

	/**
	 * Return the hint of a consumer group the principal may not use.
	 * @param group the group as the brokers see it
	 * @return the hint
	 */
	public Hint groupAuthorization(String group) {
		String logical = this.prefix.logicalName(group);
		String fix = (platform() == ConnectionPlatform.HEROKU)
				? " Heroku needs consumer groups created before use: heroku kafka:consumer-groups:create " + logical
						+ "."
				: " Otherwise grant the principal READ on group '" + group + "'.";
		return new Hint("group-authorization", logical, "The brokers deny the principal consumer group '" + logical
				+ "'" + physical(group) + " (group authorization failed)." + prefixNote() + fix);
	}

	/**
	 * Return the hint of a topic that does not exist and that is not created.
	 * @param topic the topic as the brokers see it
	 * @return the hint
	 */
	public Hint unknownTopic(String topic) {
		String logical = this.prefix.logicalName(topic);
		String create = (platform() == ConnectionPlatform.HEROKU) ? "heroku kafka:topics:create " + logical
				: "kafka-topics.sh --create --topic " + topic;
		return new Hint("unknown-topic", logical,
				"Topic '" + logical + "'" + physical(topic)
						+ " does not exist and is not created: the brokers' auto.create.topics.enable is false, the "
						+ "consumer's allow.auto.create.topics is false, or the ACLs deny CREATE "
						+ "(allow.everyone.if.no.acl.found=false wins over auto-creation). Create it with a "
						+ "NewTopic bean (TopicBuilder.name(\"" + logical + "\")) or " + create + ".");
	}

	/**
	 * Return whether the clients connect with TLS ({@code SSL} or {@code SASL_SSL}).
	 * @return whether the clients use TLS
	 */
	public boolean usesTls() {
		return securityProtocol().endsWith("SSL");
	}

	/**
	 * Return whether a broker address, as the Kafka clients log it
	 * ({@code host/ip:port}), is one of the application's bootstrap servers.
	 * @param address the address
	 * @return whether the address is a bootstrap server of the application
	 */
	public boolean isBootstrapServer(String address) {
		int colon = address.lastIndexOf(':');
		if (colon < 0) {
			return false;
		}
		String port = address.substring(colon);
		List<String> hosts = List.of(address.substring(0, colon).split("/"));
		Object servers = this.configuration.get().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
		String list = (servers instanceof Collection<?> collection)
				? collection.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(servers);
		for (String server : list.split(",")) {
			String trimmed = server.trim();
			if (trimmed.endsWith(port) && hosts.contains(trimmed.substring(0, trimmed.length() - port.length()))) {
				return true;
			}
		}
		return false;
	}

	private static String at(@Nullable String address) {
		return (address != null) ? " at " + address : "";
	}

	private String bootstrapServersOrigin() {
		String origin = this.bootstrapServersOrigin.get();
		return (origin != null) ? origin
				: "karafka.bootstrap-servers, KAFKA_URL on Heroku or spring.kafka.bootstrap-servers";
	}

	private String physical(String name) {
		return this.prefix.isEmpty() ? "" : " ('" + name + "' to the brokers)";
	}

	private String prefixNote() {
		if (!this.prefix.isEmpty()) {
			return " karafka.prefix is '" + this.prefix.value() + "': check that the principal's ACLs cover it.";
		}
		if (platform() == ConnectionPlatform.HEROKU) {
			return " karafka.prefix is not set, but multi-tenant Heroku plans allow only names with the add-on's "
					+ "prefix: set KAFKA_PREFIX (heroku config:get KAFKA_PREFIX) or karafka.prefix.";
		}
		return " karafka.prefix is not set: if the principal's ACLs are for prefixed names, set karafka.prefix.";
	}

	private String portNote() {
		return switch (platform()) {
			case MSK_SCRAM -> " AWS MSK serves SASL/SCRAM on port 9096.";
			case MSK_IAM -> " AWS MSK serves IAM authentication on port 9098.";
			case HEROKU -> " On Heroku, the brokers and certificates come from KAFKA_URL and KAFKA_TRUSTED_CERT.";
			default -> "";
		};
	}

	private ConnectionPlatform platform() {
		return ConnectionPlatform.detect(this.configuration.get(), this.herokuAttached.getAsBoolean());
	}

	private String securityProtocol() {
		Object protocol = this.configuration.get().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
		return (protocol != null) ? protocol.toString().trim().toUpperCase(Locale.ROOT) : "PLAINTEXT";
	}

}
