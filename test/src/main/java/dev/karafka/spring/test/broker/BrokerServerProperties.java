package dev.karafka.spring.test.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.karafka.spring.test.broker.KafkaTestBroker.Builder;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Builds the server properties of a {@link KafkaTestBroker}: a single KRaft node, its
 * listeners, TLS and SASL settings, the optional authorizer and the user's overrides.
 *
 * @author karafka-spring
 */
final class BrokerServerProperties {

	static final int NODE_ID = 1;

	static final String CONTROLLER_LISTENER = "CONTROLLER";

	static final String INTERNAL_LISTENER = "INTERNAL";

	static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

	private static final String ANONYMOUS = "User:ANONYMOUS";

	private static final String STANDARD_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

	private BrokerServerProperties() {
	}

	/**
	 * Return the server properties of a broker.
	 * @param builder the builder of the broker
	 * @param listeners the listeners opened for clients
	 * @param ports the ports by broker listener name, as {@link BrokerPorts} reserved
	 * them
	 * @param storage the storage of the broker
	 * @return the server properties
	 */
	static Map<String, String> of(Builder builder, Set<Listener> listeners, Map<String, Integer> ports,
			BrokerStorage storage) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", Integer.toString(NODE_ID));
		properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + ports.get(CONTROLLER_LISTENER));
		properties.put("controller.listener.names", CONTROLLER_LISTENER);
		properties.put("inter.broker.listener.name", INTERNAL_LISTENER);
		properties.put("listeners", listenerAddresses("127.0.0.1", ports, ports.keySet()));
		properties.put("advertised.listeners", listenerAddresses("localhost", ports,
				ports.keySet().stream().filter((name) -> !CONTROLLER_LISTENER.equals(name)).toList()));
		properties.put("listener.security.protocol.map", securityProtocolMap(listeners));
		properties.put("log.dirs", storage.logDirectory().toString());
		properties.put("num.partitions", "1");
		properties.put("default.replication.factor", "1");
		properties.put("min.insync.replicas", "1");
		properties.put("auto.create.topics.enable", "true");
		properties.put("group.initial.rebalance.delay.ms", "0");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("offsets.topic.num.partitions", "1");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("transaction.state.log.num.partitions", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.put("log.cleaner.dedupe.buffer.size", "8388608");
		putSslProperties(properties, storage.certificatesDirectory());
		putSaslProperties(properties);
		Boolean allowEveryoneIfNoAclFound = builder.allowEveryoneIfNoAclFound();
		if (allowEveryoneIfNoAclFound != null) {
			putAuthorizerProperties(properties, allowEveryoneIfNoAclFound, builder.superUsers());
		}
		properties.putAll(builder.serverProperties());
		return properties;
	}

	private static String listenerAddresses(String host, Map<String, Integer> ports, Iterable<String> listenerNames) {
		List<String> addresses = new ArrayList<>();
		listenerNames.forEach((name) -> addresses.add(name + "://" + host + ":" + ports.get(name)));
		return String.join(",", addresses);
	}

	private static String securityProtocolMap(Set<Listener> listeners) {
		Map<String, SecurityProtocol> protocols = new LinkedHashMap<>();
		protocols.put(CONTROLLER_LISTENER, SecurityProtocol.PLAINTEXT);
		protocols.put(INTERNAL_LISTENER, SecurityProtocol.PLAINTEXT);
		listeners.forEach((listener) -> protocols.put(listener.listenerName(), listener.securityProtocol()));
		return protocols.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ":" + entry.getValue().name)
			.collect(Collectors.joining(","));
	}

	private static void putSslProperties(Map<String, String> properties, Path certificatesDirectory) {
		properties.put("ssl.keystore.type", "PEM");
		properties.put("ssl.keystore.location",
				certificatesDirectory.resolve(TestCertificates.BROKER_KEY_STORE_FILE).toString());
		properties.put("ssl.truststore.type", "PEM");
		properties.put("ssl.truststore.location",
				certificatesDirectory.resolve(TestCertificates.CA_CERTIFICATE_FILE).toString());
		properties.put("listener.name.ssl.ssl.client.auth", "required");
	}

	private static void putSaslProperties(Map<String, String> properties) {
		properties.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", SCRAM_MECHANISM);
		properties.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		properties.put("listener.name.oauth.sasl.enabled.mechanisms", "OAUTHBEARER");
		properties.put("listener.name.oauth.oauthbearer.sasl.jaas.config",
				"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
						+ "unsecuredLoginStringClaim_sub=\"broker\";");
	}

	private static void putAuthorizerProperties(Map<String, String> properties, Boolean allowEveryoneIfNoAclFound,
			Set<String> superUsers) {
		Set<String> principals = new LinkedHashSet<>();
		principals.add(ANONYMOUS);
		principals.addAll(superUsers);
		properties.put("authorizer.class.name", STANDARD_AUTHORIZER);
		properties.put("allow.everyone.if.no.acl.found", allowEveryoneIfNoAclFound.toString());
		properties.put("super.users", String.join(";", principals));
	}

}
