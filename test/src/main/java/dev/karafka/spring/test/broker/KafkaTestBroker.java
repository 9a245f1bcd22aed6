package dev.karafka.spring.test.broker;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker in KRaft mode running in the current JVM, with
 * a listener for each of the ways platforms let applications connect.
 * <p>
 * Besides the requested {@link Listener listeners}, the broker always has an internal
 * {@code PLAINTEXT} listener that carries inter-broker traffic and the connections of
 * {@link #createAdmin()}, so administration works whichever listeners are enabled. The
 * controller listener and the internal listener connect as {@code User:ANONYMOUS}, a
 * super user when the authorizer is enabled, as do clients of the {@code PLAINTEXT}
 * listener.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class KafkaTestBroker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(KafkaTestBroker.class);

	private static @Nullable KafkaTestBroker shared;

	private final Set<Listener> listeners;

	private final Map<String, Integer> ports;

	private final BrokerStorage storage;

	private final TestCertificates certificates;

	private final String scramUsername;

	private final String scramPassword;

	private final boolean closeable;

	private final KafkaRaftServer server;

	private boolean closed;

	private KafkaTestBroker(Builder builder, boolean closeable) {
		long startTime = System.nanoTime();
		this.listeners = EnumSet.copyOf(builder.listeners);
		this.ports = BrokerPorts.reserve(this.listeners, builder.ports);
		this.storage = BrokerStorage.of(builder.dataDirectory);
		this.scramUsername = builder.scramUsername;
		this.scramPassword = (builder.scramPassword != null) ? builder.scramPassword : randomPassword();
		this.closeable = closeable;
		Path certificatesDirectory = this.storage.certificatesDirectory();
		CompletableFuture<TestCertificates> certificates = CompletableFuture.supplyAsync(
				() -> TestCertificates.generate(certificatesDirectory), KafkaTestBroker::startCertificatesThread);
		try {
			Map<String, String> properties = BrokerServerProperties.of(builder, this.listeners, this.ports,
					this.storage);
			KafkaConfig config = new KafkaConfig(properties, false);
			boolean formatted = this.storage.isFormatted();
			if (!formatted) {
				this.storage.format(this.scramUsername, this.scramPassword);
			}
			this.certificates = join(certificates);
			this.server = start(config);
			if (formatted) {
				upsertScramCredentials();
			}
		}
		catch (RuntimeException ex) {
			certificates.exceptionally((failure) -> null).join();
			this.storage.release();
			throw ex;
		}
		logger.debug("Started Kafka test broker in {} ms with listeners {} and data in {}",
				Duration.ofNanos(System.nanoTime() - startTime).toMillis(), describeListeners(),
				this.storage.directory());
	}

	/**
	 * Return a new {@link Builder} for a broker.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the broker shared by every test in this JVM. It has all listeners, starts on
	 * first use and stops at JVM exit; {@link #close()} has no effect on it.
	 * @return the shared broker
	 */
	public static synchronized KafkaTestBroker shared() {
		if (shared == null) {
			KafkaTestBroker broker = new KafkaTestBroker(builder(), false);
			Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-test-broker-shutdown"));
			shared = broker;
		}
		return shared;
	}

	/**
	 * Return the bootstrap servers of the given listener, {@code localhost:<port>}.
	 * @param listener the listener
	 * @return the bootstrap servers
	 * @throws IllegalStateException if the listener is not enabled
	 */
	public String bootstrapServers(Listener listener) {
		Objects.requireNonNull(listener, "'listener' must not be null");
		if (!this.listeners.contains(listener)) {
			throw new IllegalStateException("Listener " + listener + " is not enabled on this broker");
		}
		return bootstrapServers(listener.listenerName());
	}

	/**
	 * Return the TLS material generated for this broker.
	 * @return the certificates
	 */
	public TestCertificates certificates() {
		return this.certificates;
	}

	/**
	 * Return the name of the SCRAM-SHA-512 user of the {@link Listener#SASL_SSL}
	 * listener.
	 * @return the SCRAM username
	 */
	public String scramUsername() {
		return this.scramUsername;
	}

	/**
	 * Return the password of the SCRAM-SHA-512 user of the {@link Listener#SASL_SSL}
	 * listener.
	 * @return the SCRAM password
	 */
	public String scramPassword() {
		return this.scramPassword;
	}

	/**
	 * Create an {@link Admin} client connected as a super user to the internal
	 * {@code PLAINTEXT} listener. The caller closes it.
	 * @return a new admin client
	 */
	public Admin createAdmin() {
		String bootstrapServers = bootstrapServers(BrokerServerProperties.INTERNAL_LISTENER);
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	/**
	 * Create a producer of {@code String} keys and values connected as a super user to
	 * the internal {@code PLAINTEXT} listener. The caller closes it.
	 * @return a new producer
	 */
	public KafkaProducer<String, String> createStringProducer() {
		String bootstrapServers = bootstrapServers(BrokerServerProperties.INTERNAL_LISTENER);
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				new StringSerializer(), new StringSerializer());
	}

	/**
	 * Create a topic with a replication factor of one and wait for its creation. Does
	 * nothing if the topic already exists.
	 * @param name the name of the topic
	 * @param partitions the number of partitions
	 */
	public void createTopic(String name, int partitions) {
		Objects.requireNonNull(name, "'name' must not be null");
		try (Admin admin = createAdmin()) {
			BrokerAdminOperations.createTopic(admin, name, partitions);
		}
	}

	/**
	 * Return the directory holding the broker's logs and certificates.
	 * @return the data directory
	 */
	public Path dataDirectory() {
		return this.storage.directory();
	}

	/**
	 * Stop the broker and delete its data directory if the broker created it. Has no
	 * effect on the {@link #shared() shared} broker.
	 */
	@Override
	public void close() {
		if (this.closeable) {
			stop();
		}
	}

	private synchronized void stop() {
		if (!this.closed) {
			this.closed = true;
			this.server.shutdown();
			this.server.awaitShutdown();
			this.storage.release();
		}
	}

	private String bootstrapServers(String listenerName) {
		return "localhost:" + this.ports.get(listenerName);
	}

	private static TestCertificates join(CompletableFuture<TestCertificates> certificates) {
		try {
			return certificates.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private static void startCertificatesThread(Runnable runnable) {
		new Thread(runnable, "kafka-test-broker-certificates").start();
	}

	private static KafkaRaftServer start(KafkaConfig config) {
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		try {
			server.startup();
			return server;
		}
		catch (RuntimeException ex) {
			server.shutdown();
			server.awaitShutdown();
			throw new IllegalStateException("Failed to start Kafka test broker", ex);
		}
	}

	private void upsertScramCredentials() {
		try (Admin admin = createAdmin()) {
			BrokerAdminOperations.upsertScramCredentials(admin, this.scramUsername, this.scramPassword);
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	private String describeListeners() {
		return this.listeners.stream()
			.map((listener) -> listener + "=" + bootstrapServers(listener))
			.collect(Collectors.joining(", ", "[", "]"));
	}

	private static String randomPassword() {
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * The listeners a {@link KafkaTestBroker} can open for clients, each on
	 * {@code 127.0.0.1} and advertised as {@code localhost}.
	 *
	 * @since 0.1.0
	 */
	public enum Listener {

		/**
		 * Unencrypted, unauthenticated connections.
		 */
		PLAINTEXT("PLAINTEXT", SecurityProtocol.PLAINTEXT),

		/**
		 * TLS connections that must present a client certificate signed by the
		 * {@link TestCertificates#caCertificatePem() test CA}. The broker certificate
		 * names {@code localhost} only.
		 */
		SSL("SSL", SecurityProtocol.SSL),

		/**
		 * TLS connections authenticated with SCRAM-SHA-512 as the
		 * {@link KafkaTestBroker#scramUsername() SCRAM user}.
		 */
		SASL_SSL("SASL_SSL", SecurityProtocol.SASL_SSL),

		/**
		 * Unencrypted connections ({@code SASL_PLAINTEXT}) authenticated with
		 * OAUTHBEARER, accepting any unsecured JWT. Named {@code OAUTH} in the broker
		 * configuration.
		 */
		SASL_OAUTHBEARER("OAUTH", SecurityProtocol.SASL_PLAINTEXT);

		private final String listenerName;

		private final SecurityProtocol securityProtocol;

		Listener(String listenerName, SecurityProtocol securityProtocol) {
			this.listenerName = listenerName;
			this.securityProtocol = securityProtocol;
		}

		String listenerName() {
			return this.listenerName;
		}

		SecurityProtocol securityProtocol() {
			return this.securityProtocol;
		}

	}

	/**
	 * Builder for a {@link KafkaTestBroker}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Set<Listener> listeners = EnumSet.allOf(Listener.class);

		private final Map<Listener, Integer> ports = new EnumMap<>(Listener.class);

		private @Nullable Path dataDirectory;

		private String scramUsername = "karafka";

		private @Nullable String scramPassword;

		private @Nullable Boolean allowEveryoneIfNoAclFound;

		private final Set<String> superUsers = new LinkedHashSet<>();

		private final Map<String, String> serverProperties = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Open only the given listeners instead of all of them.
		 * @param listeners the listeners to open
		 * @return this builder
		 */
		public Builder listeners(Listener... listeners) {
			Objects.requireNonNull(listeners, "'listeners' must not be null");
			if (listeners.length == 0) {
				throw new IllegalArgumentException("'listeners' must not be empty");
			}
			this.listeners.clear();
			this.listeners.addAll(Arrays.asList(listeners));
			return this;
		}

		/**
		 * Open the given listener on a fixed port instead of a free one.
		 * @param listener the listener
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(Listener listener, int port) {
			Objects.requireNonNull(listener, "'listener' must not be null");
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'port' must be between 0 and 65535");
			}
			this.ports.put(listener, port);
			return this;
		}

		/**
		 * Keep the broker's data in the given directory, formatted on first use and kept
		 * on close, instead of a temporary directory deleted on close.
		 * @param directory the data directory
		 * @return this builder
		 */
		public Builder dataDirectory(Path directory) {
			this.dataDirectory = Objects.requireNonNull(directory, "'directory' must not be null");
			return this;
		}

		/**
		 * Use the given SCRAM-SHA-512 user instead of {@code karafka} with a random
		 * password.
		 * @param username the username
		 * @param password the password, without commas
		 * @return this builder
		 */
		public Builder scramUser(String username, String password) {
			Objects.requireNonNull(username, "'username' must not be null");
			Objects.requireNonNull(password, "'password' must not be null");
			if (username.contains(",") || password.contains(",")) {
				throw new IllegalArgumentException("'username' and 'password' must not contain a comma");
			}
			this.scramUsername = username;
			this.scramPassword = password;
			return this;
		}

		/**
		 * Enable Kafka's {@code StandardAuthorizer}.
		 * @param allowEveryoneIfNoAclFound whether to allow access to resources that have
		 * no ACL
		 * @return this builder
		 */
		public Builder authorizer(boolean allowEveryoneIfNoAclFound) {
			this.allowEveryoneIfNoAclFound = allowEveryoneIfNoAclFound;
			return this;
		}

		/**
		 * Add a super user of the authorizer, besides {@code User:ANONYMOUS}.
		 * @param principal the principal, for example {@code User:admin}
		 * @return this builder
		 */
		public Builder superUser(String principal) {
			this.superUsers.add(Objects.requireNonNull(principal, "'principal' must not be null"));
			return this;
		}

		/**
		 * Set a broker configuration property, overriding the one the broker would use.
		 * @param key the property key
		 * @param value the property value
		 * @return this builder
		 */
		public Builder serverProperty(String key, String value) {
			this.serverProperties.put(Objects.requireNonNull(key, "'key' must not be null"),
					Objects.requireNonNull(value, "'value' must not be null"));
			return this;
		}

		/**
		 * Start the broker and wait until it accepts clients.
		 * @return the started broker
		 * @throws IllegalStateException if a fixed port is in use or the broker fails to
		 * start
		 */
		public KafkaTestBroker start() {
			return new KafkaTestBroker(this, true);
		}

		@Nullable Boolean allowEveryoneIfNoAclFound() {
			return this.allowEveryoneIfNoAclFound;
		}

		Set<String> superUsers() {
			return this.superUsers;
		}

		Map<String, String> serverProperties() {
			return this.serverProperties;
		}

	}

}
