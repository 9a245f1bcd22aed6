package dev.karafka.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.connection.KafkaSettings;
import dev.karafka.spring.deadletter.DeadLetterHeaders;
import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.processing.InitialOffset;
import dev.karafka.spring.processing.ListenerSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * External configuration properties for karafka-spring: Karafka's settings for Spring
 * Boot's Kafka consumers, producers and admin client.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@ConfigurationProperties("karafka")
public class KarafkaProperties implements InitializingBean {

	/**
	 * Whether the starter is on. Off, it applies no karafka.* setting and brings none of
	 * its features (probe server, liveness, readiness, offset commits, dead-letter queue,
	 * the karafka endpoint): the application runs on Spring Boot's Kafka defaults.
	 */
	private boolean enabled = true;

	/**
	 * Comma-separated list of host:port pairs of the Kafka brokers to bootstrap from. A
	 * scheme such as 'kafka+ssl://' selects the security protocol; a host without a port
	 * gets 9092. Wins over 'spring.kafka.bootstrap-servers' and over 'bootstrap.servers'
	 * in 'karafka.kafka'.
	 */
	private @Nullable List<String> bootstrapServers;

	/**
	 * ID sent to the brokers with every request, for server-side logging.
	 */
	private @Nullable String clientId;

	/**
	 * Consumer group of the listeners that name none. Defaults to
	 * 'spring.application.name' when no group is configured anywhere.
	 */
	private @Nullable String groupId;

	/**
	 * Kafka client settings for consumers, producers and the admin client, as Karafka's
	 * 'config.kafka': Java client names or librdkafka names (for example
	 * 'sasl.mechanisms', 'sasl.username', 'sasl.password', 'ssl.ca.pem', 'ssl.key.pem').
	 * In YAML, write dotted keys in brackets: '"[security.protocol]"'.
	 */
	private final Map<String, String> kafka = new LinkedHashMap<>();

	/**
	 * Consumer threads per listener container. Explicit '@KafkaListener(concurrency)'
	 * wins.
	 */
	private @Nullable Integer concurrency;

	/**
	 * Most records one poll returns: the batch size of batch listeners
	 * ('max.poll.records').
	 */
	private @Nullable Integer maxMessages;

	/**
	 * Longest time a poll waits for data: 'fetch.max.wait.ms' and the containers' poll
	 * timeout.
	 */
	private @Nullable Duration maxWaitTime;

	/**
	 * Where a consumer group without committed offsets starts ('auto.offset.reset').
	 * Defaults to 'earliest', as Karafka's 'initial_offset', unless 'auto.offset.reset'
	 * is set elsewhere ('karafka.kafka', 'karafka.consumer.kafka', 'spring.kafka.*').
	 */
	private @Nullable InitialOffset initialOffset;

	/**
	 * Longest time a listener container waits for its consumers to stop. Keep it below
	 * Spring's 'spring.lifecycle.timeout-per-shutdown-phase' and Kubernetes'
	 * 'terminationGracePeriodSeconds'.
	 */
	private @Nullable Duration shutdownTimeout;

	private final Pause pause = new Pause();

	private final DeadLetterQueue deadLetterQueue = new DeadLetterQueue();

	/**
	 * Overrides per topic, keyed by the topic name as the code writes it.
	 */
	private final Map<String, Topic> topics = new LinkedHashMap<>();

	private final Producer producer = new Producer();

	private final Consumer consumer = new Consumer();

	/**
	 * Prefix of every topic, consumer group and transactional id the brokers see, applied
	 * once to the names the application uses. Defaults to the Heroku add-on's
	 * '<env-prefix>_PREFIX'; empty for none.
	 */
	private @Nullable String prefix;

	private final Server server = new Server();

	private final Heroku heroku = new Heroku();

	private final Liveness liveness = new Liveness();

	private final Readiness readiness = new Readiness();

	private final Msk msk = new Msk();

	private final Admin admin = new Admin();

	private final StaticMembership staticMembership = new StaticMembership();

	private final Probes probes = new Probes();

	private final DeadLetterReplay deadLetterReplay = new DeadLetterReplay();

	private final Supervision supervision = new Supervision();

	/**
	 * Whether to print the cluster info (brokers, the listeners' topics and groups, and
	 * the likely cause of a failure) and exit, without consuming and without a web or
	 * probe server: 'java -jar app.jar --karafka.cluster-info'. The exit code is 0 when
	 * everything could be read.
	 */
	private boolean clusterInfo;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable List<String> getBootstrapServers() {
		return this.bootstrapServers;
	}

	public void setBootstrapServers(@Nullable List<String> bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getGroupId() {
		return this.groupId;
	}

	public void setGroupId(@Nullable String groupId) {
		this.groupId = groupId;
	}

	public Map<String, String> getKafka() {
		return this.kafka;
	}

	public @Nullable Integer getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(@Nullable Integer concurrency) {
		this.concurrency = concurrency;
	}

	public @Nullable Integer getMaxMessages() {
		return this.maxMessages;
	}

	public void setMaxMessages(@Nullable Integer maxMessages) {
		this.maxMessages = maxMessages;
	}

	public @Nullable Duration getMaxWaitTime() {
		return this.maxWaitTime;
	}

	public void setMaxWaitTime(@Nullable Duration maxWaitTime) {
		this.maxWaitTime = maxWaitTime;
	}

	public @Nullable InitialOffset getInitialOffset() {
		return this.initialOffset;
	}

	public void setInitialOffset(@Nullable InitialOffset initialOffset) {
		this.initialOffset = initialOffset;
	}

	public @Nullable Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Pause getPause() {
		return this.pause;
	}

	public DeadLetterQueue getDeadLetterQueue() {
		return this.deadLetterQueue;
	}

	public Map<String, Topic> getTopics() {
		return this.topics;
	}

	public Producer getProducer() {
		return this.producer;
	}

	public Consumer getConsumer() {
		return this.consumer;
	}

	/**
	 * Return the listener settings that apply to every listener container.
	 * @return the global listener settings
	 */
	public ListenerSettings buildListenerSettings() {
		List<InvalidSettingException> problems = new ArrayList<>();
		checkListenerSettings(problems);
		InvalidSettingException.throwAll(problems);
		return listenerSettings();
	}

	private ListenerSettings listenerSettings() {
		return new ListenerSettings(true, this.concurrency, this.maxMessages, this.maxWaitTime, this.initialOffset,
				this.pause.getTimeout(), this.pause.getMaxTimeout(), this.pause.isWithExponentialBackoff(),
				this.deadLetterQueue.getTopic(), this.deadLetterQueue.getMaxRetries());
	}

	/**
	 * Check every setting, so that one start-up report names all invalid ones rather than
	 * the first that a bean happens to use.
	 * @throws InvalidSettingException naming the first invalid setting, the others
	 * attached as suppressed exceptions
	 */
	@Override
	public void afterPropertiesSet() {
		List<InvalidSettingException> problems = new ArrayList<>();
		checkListenerSettings(problems);
		ListenerSettings global = listenerSettings();
		this.topics.forEach((topic, settings) -> settings.check(topic, global, problems));
		this.liveness.check(problems);
		this.readiness.check(problems);
		this.deadLetterQueue.checkLimits(problems);
		this.supervision.check(problems);
		InvalidSettingException.throwAll(problems);
	}

	private void checkListenerSettings(List<InvalidSettingException> problems) {
		requirePositive(problems, this.concurrency, "karafka.concurrency");
		requirePositive(problems, this.maxMessages, "karafka.max-messages");
		requirePositive(problems, this.maxWaitTime, "karafka.max-wait-time");
		requirePositive(problems, this.shutdownTimeout, "karafka.shutdown-timeout");
		requirePositive(problems, this.pause.getTimeout(), "karafka.pause.timeout");
		requirePositive(problems, this.pause.getMaxTimeout(), "karafka.pause.max-timeout");
		requireNotNegative(problems, this.deadLetterQueue.getMaxRetries(), "karafka.dead-letter-queue.max-retries");
		requireNotLonger(problems, this.pause.getTimeout(), "karafka.pause.timeout", this.pause.getMaxTimeout(),
				"karafka.pause.max-timeout");
		requireTopicName(problems, this.deadLetterQueue.getTopic(), "karafka.dead-letter-queue.topic");
		requirePositive(problems, this.deadLetterQueue.getMaxBlockTime(), "karafka.dead-letter-queue.max-block-time");
	}

	public @Nullable String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(@Nullable String prefix) {
		this.prefix = prefix;
	}

	public Server getServer() {
		return this.server;
	}

	public Heroku getHeroku() {
		return this.heroku;
	}

	public Liveness getLiveness() {
		return this.liveness;
	}

	public Readiness getReadiness() {
		return this.readiness;
	}

	public Msk getMsk() {
		return this.msk;
	}

	public Admin getAdmin() {
		return this.admin;
	}

	public StaticMembership getStaticMembership() {
		return this.staticMembership;
	}

	public Probes getProbes() {
		return this.probes;
	}

	public DeadLetterReplay getDeadLetterReplay() {
		return this.deadLetterReplay;
	}

	public Supervision getSupervision() {
		return this.supervision;
	}

	public boolean isClusterInfo() {
		return this.clusterInfo;
	}

	public void setClusterInfo(boolean clusterInfo) {
		this.clusterInfo = clusterInfo;
	}

	/**
	 * Add the Kafka client settings of this instance: the 'karafka.kafka' map, overridden
	 * by the typed properties. They replace weaker settings added before.
	 * @param settings the settings to add to
	 * @return the given settings
	 */
	public KafkaSettings addTo(KafkaSettings settings) {
		settings.addAll(this.kafka, "karafka.kafka");
		if (this.bootstrapServers != null) {
			settings.add("bootstrap.servers", String.join(",", this.bootstrapServers), "karafka.bootstrap-servers");
		}
		settings.add("client.id", this.clientId, "karafka.client-id");
		settings.add("group.id", this.groupId, "karafka.group-id");
		return settings;
	}

	private static void requirePositive(List<InvalidSettingException> problems, @Nullable Integer value,
			String setting) {
		if (value != null && value < 1) {
			problems.add(new InvalidSettingException(setting, "it must be at least 1, not " + value,
					"Give a positive number, or remove the setting to keep the default."));
		}
	}

	private static void requireNotNegative(List<InvalidSettingException> problems, @Nullable Integer value,
			String setting) {
		if (value != null && value < 0) {
			problems.add(new InvalidSettingException(setting, "it must not be negative, not " + value,
					"Give 0 to send a failed record to the dead-letter topic without retrying, or more."));
		}
	}

	/**
	 * Refuse a topic name the brokers would refuse, by Kafka's own rules: 1 to 249 ASCII
	 * letters, digits, '.', '_' and '-', other than '.' and '..'.
	 */
	private static void requireTopicName(List<InvalidSettingException> problems, @Nullable String topic,
			String setting) {
		if (topic != null) {
			org.apache.kafka.common.internals.Topic.validate(topic, "the topic name",
					(problem) -> problems.add(new InvalidSettingException(setting, problem,
							"Give a name of 1 to 249 characters made of ASCII letters, digits, '.', '_' and '-' "
									+ "(not '.' or '..'); with karafka.prefix, the prefixed name must fit too.")));
		}
	}

	private static void requirePositive(List<InvalidSettingException> problems, @Nullable Duration value,
			String setting) {
		if (value != null && (value.isNegative() || value.isZero())) {
			problems.add(new InvalidSettingException(setting, "it must be a positive duration, not " + written(value),
					"Give a positive duration such as 500ms, 5s or 1m."));
		}
	}

	/**
	 * Refuse a pause longer than its longest, as Karafka's configuration contract does.
	 */
	private static void requireNotLonger(List<InvalidSettingException> problems, Duration timeout,
			String timeoutSetting, Duration maxTimeout, String maxTimeoutSetting) {
		if (timeout.compareTo(maxTimeout) > 0) {
			problems.add(new InvalidSettingException(timeoutSetting,
					"it is " + written(timeout) + ", longer than " + maxTimeoutSetting + " (" + written(maxTimeout)
							+ "), the longest back-off",
					"Make " + timeoutSetting + " at most " + maxTimeoutSetting + ", or raise " + maxTimeoutSetting
							+ "."));
		}
	}

	/**
	 * Return a duration as a user writes it ({@code -5s}, {@code 1500ms}), in the largest
	 * unit that holds it exactly, rather than {@link Duration#toString()}'s
	 * {@code PT-5S}.
	 */
	static String written(Duration duration) {
		if (duration.getNano() == 0) {
			long seconds = duration.getSeconds();
			for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES)) {
				if (seconds != 0 && seconds % unit.getDuration().getSeconds() == 0) {
					return DurationStyle.SIMPLE.print(duration, unit);
				}
			}
			return DurationStyle.SIMPLE.print(duration, ChronoUnit.SECONDS);
		}
		if (duration.getNano() % 1_000_000 == 0) {
			return DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
		}
		return DurationStyle.SIMPLE.print(duration, ChronoUnit.NANOS);
	}

	/**
	 * Consumer server settings.
	 */
	public static class Server {

		/**
		 * Whether to start the listener containers. Off, the application runs without
		 * consuming, for one-off tasks next to a running consumer process.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Heroku settings: the environment of the Apache Kafka on Heroku add-on.
	 */
	public static class Heroku {

		/**
		 * Whether to connect with the add-on's environment variables when
		 * '<env-prefix>_URL' is set. Broker host names are not verified on Heroku, whose
		 * broker certificates do not name them; set
		 * 'ssl.endpoint.identification.algorithm' in 'karafka.kafka' to verify them
		 * anyway.
		 */
		private boolean enabled = true;

		/**
		 * Name the add-on is attached under: its variables are '<env-prefix>_URL',
		 * '<env-prefix>_PREFIX', '<env-prefix>_TRUSTED_CERT', '<env-prefix>_CLIENT_CERT'
		 * and '<env-prefix>_CLIENT_CERT_KEY'.
		 */
		private String envPrefix = "KAFKA";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getEnvPrefix() {
			return this.envPrefix;
		}

		public void setEnvPrefix(String envPrefix) {
			this.envPrefix = envPrefix;
		}

	}

	/**
	 * Liveness settings, as Karafka's Kubernetes liveness listener.
	 */
	public static class Liveness {

		/**
		 * Whether to track consumer threads and report them in the 'karafka' health
		 * contributor of the liveness group. Off, neither supervised mode nor the exit
		 * with status 1 of a worker whose consumers failed is available.
		 */
		private boolean enabled = true;

		/**
		 * Longest time a consumer thread may spend in and around one poll beyond the
		 * container's poll timeout: rebalance callbacks, deserializers and consumer
		 * interceptors inside poll(), listener calls, commits and idle events between
		 * polls. Raised, with a warning, to a container's sync commit timeout plus its
		 * poll timeout when shorter, so that a broker outage never makes liveness DOWN.
		 */
		private Duration pollingTtl = Duration.ofMinutes(5);

		/**
		 * Longest time one consumption (a listener call, a batch listener call, or a
		 * revocation of partitions) may run.
		 */
		private Duration consumingTtl = Duration.ofMinutes(5);

		/**
		 * Longest time a consumer thread that keeps polling may stay in a rebalance of
		 * its group (joining it without an assignment yet). A member left without
		 * partitions is not rebalancing.
		 */
		private Duration stabilityTtl = Duration.ofMinutes(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getPollingTtl() {
			return this.pollingTtl;
		}

		public void setPollingTtl(Duration pollingTtl) {
			this.pollingTtl = pollingTtl;
		}

		public Duration getConsumingTtl() {
			return this.consumingTtl;
		}

		public void setConsumingTtl(Duration consumingTtl) {
			this.consumingTtl = consumingTtl;
		}

		public Duration getStabilityTtl() {
			return this.stabilityTtl;
		}

		public void setStabilityTtl(Duration stabilityTtl) {
			this.stabilityTtl = stabilityTtl;
		}

		void check(List<InvalidSettingException> problems) {
			requirePositive(problems, this.pollingTtl, "karafka.liveness.polling-ttl");
			requirePositive(problems, this.consumingTtl, "karafka.liveness.consuming-ttl");
			requirePositive(problems, this.stabilityTtl, "karafka.liveness.stability-ttl");
		}

	}

	/**
	 * Readiness settings: the 'kafka' health contributor of the readiness group.
	 */
	public static class Readiness {

		/**
		 * Whether to check that the brokers are reachable and accept the client's
		 * credentials.
		 */
		private boolean enabled = true;

		/**
		 * Longest time one check of the cluster may take.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * How long the result of a check is reused, so that probes never pile up admin
		 * requests.
		 */
		private Duration cacheTimeToLive = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getCacheTimeToLive() {
			return this.cacheTimeToLive;
		}

		public void setCacheTimeToLive(Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
		}

		void check(List<InvalidSettingException> problems) {
			requirePositive(problems, this.timeout, "karafka.readiness.timeout");
			if (this.cacheTimeToLive.isNegative()) {
				problems.add(new InvalidSettingException("karafka.readiness.cache-time-to-live",
						"it must not be negative, not " + written(this.cacheTimeToLive),
						"Give a duration such as 10s, or 0s to check the cluster at every health call."));
			}
		}

	}

	/**
	 * Back-off before a failed record or batch is retried, as Karafka's pause.
	 */
	public static class Pause {

		/**
		 * Back-off before the first retry.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		/**
		 * Longest back-off when it grows exponentially.
		 */
		private Duration maxTimeout = Duration.ofSeconds(30);

		/**
		 * Whether the back-off doubles with each retry, up to the max timeout.
		 */
		private boolean withExponentialBackoff;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getMaxTimeout() {
			return this.maxTimeout;
		}

		public void setMaxTimeout(Duration maxTimeout) {
			this.maxTimeout = maxTimeout;
		}

		public boolean isWithExponentialBackoff() {
			return this.withExponentialBackoff;
		}

		public void setWithExponentialBackoff(boolean withExponentialBackoff) {
			this.withExponentialBackoff = withExponentialBackoff;
		}

	}

	/**
	 * Dead-letter queue: where a record goes once its retries are used up. Without a
	 * topic, retries go on forever, as in Karafka.
	 */
	public static class DeadLetterQueue {

		/**
		 * Topic that receives records whose retries are used up, with Karafka's source_*
		 * and spring-kafka's kafka_dlt-* headers. Start-up fails when Kafka would refuse
		 * the name or a listener it applies to consumes that topic itself.
		 */
		private @Nullable String topic;

		/**
		 * Retries before a record goes to the dead-letter topic.
		 */
		private int maxRetries = 3;

		/**
		 * Most bytes of the exception message header of a dead-lettered record.
		 */
		private DataSize exceptionMessageLimit = DataSize.ofKilobytes(1);

		/**
		 * Most bytes of the stack trace header of a dead-lettered record.
		 */
		private DataSize stackTraceLimit = DataSize.ofKilobytes(8);

		/**
		 * Longest time one dispatch may block the consumer thread waiting for the
		 * dead-letter topic's metadata, a positive duration such as '3s' (a bare number
		 * is milliseconds): 'max.block.ms' of the producer that sends to dead-letter
		 * topics, unless the producers' own is shorter. A dead-letter topic that does not
		 * exist fails the dispatch after this wait, and the other partitions of the
		 * consumer thread wait for it, so keep it to a few seconds. Not applied with a
		 * transactional producer factory, whose transaction's producer sends.
		 */
		private Duration maxBlockTime = Duration.ofSeconds(5);

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public DataSize getExceptionMessageLimit() {
			return this.exceptionMessageLimit;
		}

		public void setExceptionMessageLimit(DataSize exceptionMessageLimit) {
			this.exceptionMessageLimit = exceptionMessageLimit;
		}

		public DataSize getStackTraceLimit() {
			return this.stackTraceLimit;
		}

		public void setStackTraceLimit(DataSize stackTraceLimit) {
			this.stackTraceLimit = stackTraceLimit;
		}

		public Duration getMaxBlockTime() {
			return this.maxBlockTime;
		}

		public void setMaxBlockTime(Duration maxBlockTime) {
			this.maxBlockTime = maxBlockTime;
		}

		/**
		 * Return the writer of the diagnostic headers of dead-lettered records.
		 * @param prefix the prefix of the names the broker sees
		 * @return the dead-letter headers
		 */
		public DeadLetterHeaders buildHeaders(NamePrefix prefix) {
			return new DeadLetterHeaders(prefix,
					requireLimit(this.exceptionMessageLimit, "karafka.dead-letter-queue.exception-message-limit"),
					requireLimit(this.stackTraceLimit, "karafka.dead-letter-queue.stack-trace-limit"));
		}

		void checkLimits(List<InvalidSettingException> problems) {
			checkLimit(problems, this.exceptionMessageLimit, "karafka.dead-letter-queue.exception-message-limit");
			checkLimit(problems, this.stackTraceLimit, "karafka.dead-letter-queue.stack-trace-limit");
		}

		private static int requireLimit(DataSize limit, String setting) {
			List<InvalidSettingException> problems = new ArrayList<>();
			checkLimit(problems, limit, setting);
			InvalidSettingException.throwAll(problems);
			return (int) limit.toBytes();
		}

		private static void checkLimit(List<InvalidSettingException> problems, DataSize limit, String setting) {
			if (limit.toBytes() < 16 || limit.toBytes() > Integer.MAX_VALUE) {
				problems.add(new InvalidSettingException(setting, "it must be between 16B and 2GB, not " + limit,
						"Give a size such as 512B, 1KB or 8KB."));
			}
		}

	}

	/**
	 * Settings of the listener containers that consume one topic; unset ones inherit the
	 * global settings.
	 */
	public static class Topic {

		/**
		 * Whether the listener containers of this topic start.
		 */
		private boolean active = true;

		/**
		 * Consumer threads of this topic's listener containers.
		 */
		private @Nullable Integer concurrency;

		/**
		 * Most records one poll of this topic's consumers returns.
		 */
		private @Nullable Integer maxMessages;

		/**
		 * Longest time a poll of this topic's consumers waits for data.
		 */
		private @Nullable Duration maxWaitTime;

		/**
		 * Where this topic's consumer groups without committed offsets start.
		 */
		private @Nullable InitialOffset initialOffset;

		private final TopicPause pause = new TopicPause();

		private final TopicDeadLetterQueue deadLetterQueue = new TopicDeadLetterQueue();

		public boolean isActive() {
			return this.active;
		}

		public void setActive(boolean active) {
			this.active = active;
		}

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Integer getMaxMessages() {
			return this.maxMessages;
		}

		public void setMaxMessages(@Nullable Integer maxMessages) {
			this.maxMessages = maxMessages;
		}

		public @Nullable Duration getMaxWaitTime() {
			return this.maxWaitTime;
		}

		public void setMaxWaitTime(@Nullable Duration maxWaitTime) {
			this.maxWaitTime = maxWaitTime;
		}

		public @Nullable InitialOffset getInitialOffset() {
			return this.initialOffset;
		}

		public void setInitialOffset(@Nullable InitialOffset initialOffset) {
			this.initialOffset = initialOffset;
		}

		public TopicPause getPause() {
			return this.pause;
		}

		public TopicDeadLetterQueue getDeadLetterQueue() {
			return this.deadLetterQueue;
		}

		/**
		 * Return the given global settings overridden by those of this topic.
		 * @param topic the topic name
		 * @param global the global settings
		 * @return the settings of this topic's listener containers
		 */
		public ListenerSettings applyTo(String topic, ListenerSettings global) {
			List<InvalidSettingException> problems = new ArrayList<>();
			check(topic, global, problems);
			InvalidSettingException.throwAll(problems);
			return new ListenerSettings(this.active, or(this.concurrency, global.concurrency()),
					or(this.maxMessages, global.maxMessages()), or(this.maxWaitTime, global.maxWaitTime()),
					or(this.initialOffset, global.initialOffset()), or(this.pause.timeout, global.pauseTimeout()),
					or(this.pause.maxTimeout, global.pauseMaxTimeout()),
					or(this.pause.withExponentialBackoff, global.pauseWithExponentialBackoff()),
					or(this.deadLetterQueue.topic, global.deadLetterTopic()),
					or(this.deadLetterQueue.maxRetries, global.deadLetterMaxRetries()));
		}

		void check(String topic, ListenerSettings global, List<InvalidSettingException> problems) {
			String prefix = "karafka.topics." + topic + ".";
			requirePositive(problems, this.concurrency, prefix + "concurrency");
			requirePositive(problems, this.maxMessages, prefix + "max-messages");
			requirePositive(problems, this.maxWaitTime, prefix + "max-wait-time");
			requirePositive(problems, this.pause.timeout, prefix + "pause.timeout");
			requirePositive(problems, this.pause.maxTimeout, prefix + "pause.max-timeout");
			requireNotNegative(problems, this.deadLetterQueue.maxRetries, prefix + "dead-letter-queue.max-retries");
			Duration timeout = or(this.pause.timeout, global.pauseTimeout());
			Duration maxTimeout = or(this.pause.maxTimeout, global.pauseMaxTimeout());
			String timeoutSetting = (this.pause.timeout != null) ? prefix + "pause.timeout" : "karafka.pause.timeout";
			if (this.pause.timeout == null && this.pause.maxTimeout != null && timeout.compareTo(maxTimeout) > 0) {
				problems.add(new InvalidSettingException(prefix + "pause.max-timeout",
						"it is " + written(maxTimeout) + ", shorter than " + timeoutSetting + " (" + written(timeout)
								+ "), the first back-off",
						"Make it at least " + written(timeout) + ", or set " + prefix + "pause.timeout too."));
			}
			else if (this.pause.timeout != null || this.pause.maxTimeout != null) {
				requireNotLonger(problems, timeout, timeoutSetting, maxTimeout,
						(this.pause.maxTimeout != null) ? prefix + "pause.max-timeout" : "karafka.pause.max-timeout");
			}
			requireTopicName(problems, this.deadLetterQueue.topic, prefix + "dead-letter-queue.topic");
			requireOtherDeadLetterTopic(problems, topic, global);
		}

		/**
		 * Refuse a dead-letter topic equal to the topic itself: its listener would fail
		 * each dead-lettered record again and send it there again, forever.
		 */
		private void requireOtherDeadLetterTopic(List<InvalidSettingException> problems, String topic,
				ListenerSettings global) {
			boolean own = this.deadLetterQueue.topic != null;
			if (!topic.equals(own ? this.deadLetterQueue.topic : global.deadLetterTopic())) {
				return;
			}
			problems.add(new InvalidSettingException(
					own ? "karafka.topics." + topic + ".dead-letter-queue.topic" : "karafka.dead-letter-queue.topic",
					"topic '" + topic + "' would be its own dead-letter topic: its listener would fail each "
							+ "dead-lettered record again and send it there again, forever",
					"Give topic '" + topic + "' another dead-letter topic, for example '" + topic + "_dlq'"
							+ (own ? "." : ", in karafka.topics." + topic + ".dead-letter-queue.topic.")));
		}

		private static <T> T or(@Nullable T value, T fallback) {
			return (value != null) ? value : fallback;
		}

	}

	/**
	 * Back-off of one topic; unset values inherit 'karafka.pause.*'.
	 */
	public static class TopicPause {

		/**
		 * Back-off before the first retry.
		 */
		private @Nullable Duration timeout;

		/**
		 * Longest back-off when it grows exponentially.
		 */
		private @Nullable Duration maxTimeout;

		/**
		 * Whether the back-off doubles with each retry, up to the max timeout.
		 */
		private @Nullable Boolean withExponentialBackoff;

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Duration getMaxTimeout() {
			return this.maxTimeout;
		}

		public void setMaxTimeout(@Nullable Duration maxTimeout) {
			this.maxTimeout = maxTimeout;
		}

		public @Nullable Boolean getWithExponentialBackoff() {
			return this.withExponentialBackoff;
		}

		public void setWithExponentialBackoff(@Nullable Boolean withExponentialBackoff) {
			this.withExponentialBackoff = withExponentialBackoff;
		}

	}

	/**
	 * Dead-letter queue of one topic; unset values inherit 'karafka.dead-letter-queue.*'.
	 */
	public static class TopicDeadLetterQueue {

		/**
		 * Topic that receives this topic's records whose retries are used up. Start-up
		 * fails when Kafka would refuse the name or it is this topic itself.
		 */
		private @Nullable String topic;

		/**
		 * Retries before a record goes to the dead-letter topic.
		 */
		private @Nullable Integer maxRetries;

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public @Nullable Integer getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(@Nullable Integer maxRetries) {
			this.maxRetries = maxRetries;
		}

	}

	/**
	 * Consumer-only settings.
	 */
	public static class Consumer {

		/**
		 * Kafka client settings for consumers only, with Java client or librdkafka names.
		 * They win over 'karafka.kafka'.
		 */
		private final Map<String, String> kafka = new LinkedHashMap<>();

		public Map<String, String> getKafka() {
			return this.kafka;
		}

	}

	/**
	 * Producer-only settings, as WaterDrop's.
	 */
	public static class Producer {

		/**
		 * Kafka client settings for producers only, with Java client or librdkafka names
		 * (for example 'request.required.acks', 'compression.codec'). They win over
		 * 'karafka.kafka'.
		 */
		private final Map<String, String> kafka = new LinkedHashMap<>();

		/**
		 * Longest time a send waits for the broker's acknowledgement (WaterDrop's
		 * 'max_wait_timeout'): the producers' 'delivery.timeout.ms', with
		 * 'request.timeout.ms' and 'max.block.ms' kept within it.
		 */
		private @Nullable Duration maxWaitTimeout;

		public Map<String, String> getKafka() {
			return this.kafka;
		}

		public @Nullable Duration getMaxWaitTimeout() {
			return this.maxWaitTimeout;
		}

		public void setMaxWaitTimeout(@Nullable Duration maxWaitTimeout) {
			this.maxWaitTimeout = maxWaitTimeout;
		}

	}

	/**
	 * Settings of the KarafkaAdmin operations, as Karafka's 'config.admin'.
	 */
	public static class Admin {

		/**
		 * Consumer group of the consumers that KarafkaAdmin reads topics with. It commits
		 * no offsets; it gets the prefix like every group.
		 */
		private String groupId = "karafka_admin";

		public String getGroupId() {
			return this.groupId;
		}

		public void setGroupId(String groupId) {
			this.groupId = groupId;
		}

	}

	/**
	 * AWS MSK settings.
	 */
	public static class Msk {

		private final Iam iam = new Iam();

		public Iam getIam() {
			return this.iam;
		}

		/**
		 * AWS MSK IAM access control settings, for clusters that authenticate clients
		 * with their AWS credentials (port 9098).
		 */
		public static class Iam {

			/**
			 * Whether to authenticate with AWS IAM: SASL_SSL with the AWS_MSK_IAM
			 * mechanism of 'software.amazon.msk:aws-msk-iam-auth'. Setting
			 * 'karafka.kafka.sasl.mechanisms' to AWS_MSK_IAM has the same effect.
			 */
			private boolean enabled;

			/**
			 * ARN of an IAM role to assume for the cluster, instead of using the default
			 * AWS credentials directly. Only with IAM authentication on.
			 */
			private @Nullable String roleArn;

			/**
			 * Name of the AWS profile whose credentials to use, instead of the default
			 * credentials provider chain. Only with IAM authentication on.
			 */
			private @Nullable String profileName;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable String getRoleArn() {
				return this.roleArn;
			}

			public void setRoleArn(@Nullable String roleArn) {
				this.roleArn = roleArn;
			}

			public @Nullable String getProfileName() {
				return this.profileName;
			}

			public void setProfileName(@Nullable String profileName) {
				this.profileName = profileName;
			}

		}

	}

	/**
	 * Static group membership (KIP-345): a stable 'group.instance.id' per consumer.
	 */
	public static class StaticMembership {

		/**
		 * Whether to give every consumer a 'group.instance.id' made of the instance id,
		 * the listener id and the consumer thread's index, stable across restarts of the
		 * same pod or host.
		 */
		private boolean enabled;

		/**
		 * Identity of this process, stable across its restarts: a StatefulSet pod's name,
		 * or a systemd template unit's host and instance. Defaults to the HOSTNAME
		 * environment variable (the pod name on Kubernetes), else the host name.
		 */
		private @Nullable String instanceId;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getInstanceId() {
			return this.instanceId;
		}

		public void setInstanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
		}

	}

	/**
	 * Probe server settings: health and Prometheus endpoints of applications without a
	 * web server.
	 */
	public static class Probes {

		/**
		 * Whether an application without a web server serves Actuator's health groups and
		 * the Prometheus and karafka endpoints (when exposed) on a server of its own, on
		 * 'management.server.port' or else 'server.port'. Web applications serve them on
		 * their own server.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Dead-letter replay command: 'java -jar app.jar
	 * --karafka.dead-letter-replay.topic=orders-dlt' copies the records of a dead-letter
	 * topic partition back to the topics and partitions they came from, and exits.
	 */
	public static class DeadLetterReplay {

		/**
		 * Dead-letter topic to copy records from, as the application names it. Setting it
		 * runs the replay instead of the application: no listener consumes, no server
		 * listens.
		 */
		private @Nullable String topic;

		/**
		 * Partition of the dead-letter topic to copy records from.
		 */
		private int partition;

		/**
		 * First offset to copy. Defaults to the partition's first record.
		 */
		private @Nullable Long startOffset;

		/**
		 * Offset after the last one to copy. Defaults to the partition's end.
		 */
		private @Nullable Long endOffset;

		/**
		 * Topic to copy the records to, the producer choosing the partition. Defaults to
		 * the source topic and partition that each record's headers name.
		 */
		private @Nullable String toTopic;

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public int getPartition() {
			return this.partition;
		}

		public void setPartition(int partition) {
			this.partition = partition;
		}

		public @Nullable Long getStartOffset() {
			return this.startOffset;
		}

		public void setStartOffset(@Nullable Long startOffset) {
			this.startOffset = startOffset;
		}

		public @Nullable Long getEndOffset() {
			return this.endOffset;
		}

		public void setEndOffset(@Nullable Long endOffset) {
			this.endOffset = endOffset;
		}

		public @Nullable String getToTopic() {
			return this.toTopic;
		}

		public void setToTopic(@Nullable String toTopic) {
			this.toTopic = toTopic;
		}

	}

	/**
	 * Supervised mode, as Karafka's swarm mode: a supervisor restarts the listener
	 * containers whose consumer threads exceed the liveness TTLs or stop abnormally, and
	 * liveness reports whether the supervisor is in control.
	 */
	public static class Supervision {

		/**
		 * Whether a supervisor restarts misbehaving listener containers inside the
		 * process instead of liveness reporting them DOWN. Needs liveness tracking
		 * (karafka.liveness.enabled) and its health contributor
		 * (management.health.karafka.enabled).
		 */
		private boolean enabled;

		/**
		 * Time between two checks of the listener containers by the supervisor.
		 */
		private Duration interval = Duration.ofSeconds(10);

		/**
		 * Longest time without a completed check of the supervisor before liveness is
		 * DOWN: its thread is blocked or dead. Must be longer than the interval.
		 */
		private Duration controllingTtl = Duration.ofSeconds(60);

		/**
		 * Most restarts of one listener container within the restart window; one more
		 * fault and the supervisor gives it up, making liveness DOWN.
		 */
		private int maxRestarts = 3;

		/**
		 * Window over which the restarts of a listener container are counted.
		 */
		private Duration restartWindow = Duration.ofMinutes(10);

		/**
		 * Most consumer threads of one listener container that may ignore the interrupt
		 * of a restart and keep running; one more and the supervisor gives it up.
		 */
		private int maxLeakedThreads = 1;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getControllingTtl() {
			return this.controllingTtl;
		}

		public void setControllingTtl(Duration controllingTtl) {
			this.controllingTtl = controllingTtl;
		}

		public int getMaxRestarts() {
			return this.maxRestarts;
		}

		public void setMaxRestarts(int maxRestarts) {
			this.maxRestarts = maxRestarts;
		}

		public Duration getRestartWindow() {
			return this.restartWindow;
		}

		public void setRestartWindow(Duration restartWindow) {
			this.restartWindow = restartWindow;
		}

		public int getMaxLeakedThreads() {
			return this.maxLeakedThreads;
		}

		public void setMaxLeakedThreads(int maxLeakedThreads) {
			this.maxLeakedThreads = maxLeakedThreads;
		}

		void check(List<InvalidSettingException> problems) {
			requirePositive(problems, this.interval, "karafka.supervision.interval");
			requirePositive(problems, this.controllingTtl, "karafka.supervision.controlling-ttl");
			requirePositive(problems, this.restartWindow, "karafka.supervision.restart-window");
			requireCount(problems, this.maxRestarts, "karafka.supervision.max-restarts");
			requireCount(problems, this.maxLeakedThreads, "karafka.supervision.max-leaked-threads");
			if (isPositive(this.interval) && isPositive(this.controllingTtl)
					&& this.controllingTtl.compareTo(this.interval) <= 0) {
				problems.add(new InvalidSettingException("karafka.supervision.controlling-ttl",
						"it must be longer than karafka.supervision.interval (" + written(this.interval) + "), not "
								+ written(this.controllingTtl),
						"Raise karafka.supervision.controlling-ttl (60s by default) to several intervals, such as six "
								+ "times karafka.supervision.interval, or lower the interval."));
			}
		}

		private static boolean isPositive(Duration duration) {
			return !duration.isNegative() && !duration.isZero();
		}

		private static void requireCount(List<InvalidSettingException> problems, int value, String setting) {
			if (value < 0) {
				problems.add(new InvalidSettingException(setting, "it must not be negative, not " + value,
						"Give 0 to give a listener container up at its first fault, or more."));
			}
		}

	}

}
