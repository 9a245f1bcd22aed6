package dev.karafka.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.connection.KafkaSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * External configuration properties for karafka-spring: Karafka's settings for Spring
 * Boot's Kafka consumers, producers and admin client.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@ConfigurationProperties("karafka")
public class KarafkaProperties {

	/**
	 * Whether to apply karafka.* settings to Spring Boot's Kafka clients.
	 */
	private boolean enabled = true;

	/**
	 * Comma-separated list of host:port pairs of the Kafka brokers to bootstrap from.
	 * Schemes such as 'kafka+ssl://' are removed. Wins over
	 * 'spring.kafka.bootstrap-servers' and over 'bootstrap.servers' in 'karafka.kafka'.
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
	 * 'sasl.mechanisms', 'sasl.username', 'sasl.password', 'ssl.ca.pem',
	 * 'ssl.key.pem'). In YAML, write dotted keys in brackets: '"[security.protocol]"'.
	 */
	private final Map<String, String> kafka = new LinkedHashMap<>();

	private final Server server = new Server();

	private final Liveness liveness = new Liveness();

	private final Readiness readiness = new Readiness();

	private final Msk msk = new Msk();

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

	public Server getServer() {
		return this.server;
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
	 * Liveness settings, as Karafka's Kubernetes liveness listener.
	 */
	public static class Liveness {

		/**
		 * Whether to track consumer threads and report them in the 'karafka' health
		 * contributor of the liveness group.
		 */
		private boolean enabled = true;

		/**
		 * Longest time a consumer thread may go without polling. A thread waiting
		 * inside poll() is polling.
		 */
		private Duration pollingTtl = Duration.ofMinutes(5);

		/**
		 * Longest time one consumption (a listener call, or a batch listener call) may
		 * run.
		 */
		private Duration consumingTtl = Duration.ofMinutes(5);

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
			 * AWS credentials directly.
			 */
			private @Nullable String roleArn;

			/**
			 * Name of the AWS profile whose credentials to use, instead of the default
			 * credentials provider chain.
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

}
