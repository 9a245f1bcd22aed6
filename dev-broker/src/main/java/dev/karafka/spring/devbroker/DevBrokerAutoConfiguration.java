package dev.karafka.spring.devbroker;

import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.log.LogMessage;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for an in-process Kafka broker that the application's Kafka clients
 * use when no Kafka cluster is configured. A one-off command (cluster info, dead-letter
 * replay) sets {@value #ATTACH}: it then starts no broker but connects to the one the
 * running application started on {@code karafka.dev-broker.port}, as the application's
 * own clients do. The broker's own loggers log warnings and errors only, unless the
 * application sets their levels.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class,
		beforeName = "dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration",
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnClass({ KafkaTestBroker.class, KafkaConnectionDetails.class })
@ConditionalOnBooleanProperty(name = "karafka.dev-broker.enabled", matchIfMissing = true)
@Conditional(NoKafkaClusterConfiguredCondition.class)
@ConditionalOnMissingBean(KafkaConnectionDetails.class)
@EnableConfigurationProperties(DevBrokerProperties.class)
public final class DevBrokerAutoConfiguration {

	/**
	 * Property that the one-off commands set so that the development broker of the
	 * running application is used instead of a new one.
	 */
	static final String ATTACH = "karafka.dev-broker.attach";

	private static final Log logger = LogFactory.getLog(DevBrokerAutoConfiguration.class);

	private static final String SECURITY_PROTOCOL = "security.protocol";

	private static final List<String> SECURITY_PROTOCOL_PROPERTIES = List.of("spring.kafka.security.protocol",
			"spring.kafka.consumer.security.protocol", "spring.kafka.producer.security.protocol",
			"spring.kafka.admin.security.protocol", "spring.kafka.streams.security.protocol");

	private static final List<String> SECURITY_PROTOCOL_MAPS = List.of("karafka.kafka", "spring.kafka.properties");

	/**
	 * The loggers of the broker's own code, none of which the Kafka clients use.
	 */
	private static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
			"org.apache.kafka.controller", "org.apache.kafka.coordinator", "org.apache.kafka.image",
			"org.apache.kafka.metadata", "org.apache.kafka.queue", "org.apache.kafka.raft", "org.apache.kafka.server",
			"org.apache.kafka.snapshot", "org.apache.kafka.storage");

	/**
	 * Environment variables that deployment platforms set, with the platform's name.
	 */
	private static final Map<String, String> PLATFORM_VARIABLES = Map.of("KUBERNETES_SERVICE_HOST", "Kubernetes",
			"DYNO", "Heroku");

	private static String clusterSetting(Environment environment) {
		boolean starterOn = environment.getProperty("karafka.enabled", Boolean.class, true);
		return starterOn ? "karafka.bootstrap-servers" : "spring.kafka.bootstrap-servers";
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ATTACH, havingValue = false, matchIfMissing = true)
	static class StartedBrokerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KafkaTestBroker karafkaDevBroker(DevBrokerProperties properties, Environment environment,
				ObjectProvider<KafkaProperties> kafkaProperties, ObjectProvider<LoggingSystem> loggingSystem) {
			checkKafkaSettings(kafkaProperties);
			checkNotDeployed(environment);
			checkNoSecurityProtocol(environment);
			loggingSystem.ifAvailable(DevBrokerAutoConfiguration::quietBrokerLoggers);
			KafkaTestBroker broker = start(properties.getPort(), dataDirectory(Path.of("")));
			logger.warn(LogMessage.format(
					"Started an in-process Kafka broker on %s for development only, with its data in %s; "
							+ "set '%s' to use a real cluster",
					broker.bootstrapServers(Listener.PLAINTEXT), broker.dataDirectory(), clusterSetting(environment)));
			return broker;
		}

		@Bean
		@ConditionalOnMissingBean(KafkaConnectionDetails.class)
		DevBrokerKafkaConnectionDetails devBrokerKafkaConnectionDetails(KafkaTestBroker karafkaDevBroker) {
			return new DevBrokerKafkaConnectionDetails(karafkaDevBroker.bootstrapServers(Listener.PLAINTEXT),
					"'karafka.dev-broker.port' (the in-process development broker this application started)");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(ATTACH)
	static class RunningBrokerConfiguration {

		@Bean
		@ConditionalOnMissingBean(KafkaConnectionDetails.class)
		DevBrokerKafkaConnectionDetails devBrokerKafkaConnectionDetails(DevBrokerProperties properties,
				Environment environment, ObjectProvider<KafkaProperties> kafkaProperties) {
			checkKafkaSettings(kafkaProperties);
			checkNotDeployed(environment);
			checkNoSecurityProtocol(environment);
			String bootstrapServers = "localhost:" + properties.getPort();
			logger.warn(LogMessage.format(
					"No Kafka cluster is configured: connecting to the in-process development broker of the "
							+ "running application on %s (karafka.dev-broker.port); set '%s' to use a real cluster",
					bootstrapServers, clusterSetting(environment)));
			return new DevBrokerKafkaConnectionDetails(bootstrapServers,
					"'karafka.dev-broker.port' (the in-process development broker of the running application, "
							+ "which must be up)");
		}

	}

	/**
	 * Log only the broker's warnings and errors, as the sample application does, unless
	 * the application configures the level of a broker logger or of one of its packages
	 * ({@code logging.level.kafka}, {@code logging.level.org.apache.kafka}, a logback
	 * configuration). The Kafka clients' loggers ({@code org.apache.kafka.clients},
	 * {@code org.apache.kafka.common}) keep their levels.
	 */
	private static void quietBrokerLoggers(LoggingSystem loggingSystem) {
		for (String name : BROKER_LOGGERS) {
			if (!hasConfiguredLevel(loggingSystem, name)) {
				loggingSystem.setLogLevel(name, LogLevel.WARN);
			}
		}
	}

	private static boolean hasConfiguredLevel(LoggingSystem loggingSystem, String name) {
		for (String candidate = name; candidate != null; candidate = parent(candidate)) {
			LoggerConfiguration configuration = loggingSystem.getLoggerConfiguration(candidate);
			if (configuration != null && configuration.getConfiguredLevel() != null) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String parent(String name) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : null;
	}

	/**
	 * Bind the application's Kafka settings before anything of the development broker:
	 * with the starter, binding them checks them too, so that a misspelt or incomplete
	 * setting is reported as such rather than as the development broker's refusal, and
	 * before the broker starts for nothing.
	 */
	private static void checkKafkaSettings(ObjectProvider<KafkaProperties> kafkaProperties) {
		kafkaProperties.getIfAvailable();
	}

	/**
	 * Fail when a security protocol other than {@code PLAINTEXT} is configured: the
	 * development broker serves {@code PLAINTEXT} only, so such settings are meant for a
	 * cluster whose bootstrap servers are missing.
	 */
	private static void checkNoSecurityProtocol(Environment environment) {
		Binder binder = Binder.get(environment);
		for (String property : SECURITY_PROTOCOL_PROPERTIES) {
			checkPlaintext(property, binder.bind(property, String.class).orElse(null));
		}
		for (String map : SECURITY_PROTOCOL_MAPS) {
			checkPlaintext(map + "[" + SECURITY_PROTOCOL + "]",
					binder.bind(map, Bindable.mapOf(String.class, String.class))
						.orElse(Map.of())
						.get(SECURITY_PROTOCOL));
		}
	}

	private static void checkPlaintext(String setting, @Nullable String protocol) {
		if (StringUtils.hasText(protocol) && !protocol.trim().equalsIgnoreCase(Listener.PLAINTEXT.name())) {
			throw new DevBrokerSecurityProtocolException(setting, protocol.trim());
		}
	}

	/**
	 * Fail on a deployment platform unless {@code karafka.dev-broker.enabled} is set: a
	 * deployed application without bootstrap servers has lost its cluster settings.
	 */
	static void checkNotDeployed(Environment environment) {
		if (environment.containsProperty("karafka.dev-broker.enabled")) {
			return;
		}
		PLATFORM_VARIABLES.forEach((variable, platform) -> {
			if (StringUtils.hasText(environment.getProperty(variable))) {
				throw new DevBrokerOnPlatformException(variable, platform);
			}
		});
	}

	static @Nullable Path dataDirectory(Path workingDirectory) {
		Path target = workingDirectory.resolve("target");
		return Files.isDirectory(target) ? target.resolve("karafka-dev-broker").toAbsolutePath() : null;
	}

	private static KafkaTestBroker start(int port, @Nullable Path dataDirectory) {
		KafkaTestBroker.Builder builder = KafkaTestBroker.builder()
			.listeners(Listener.PLAINTEXT)
			.port(Listener.PLAINTEXT, port);
		if (dataDirectory != null) {
			builder.dataDirectory(dataDirectory);
		}
		try {
			return builder.start();
		}
		catch (IllegalStateException ex) {
			if (isCausedByPortInUse(ex)) {
				throw new DevBrokerPortInUseException(port, ex);
			}
			throw ex;
		}
	}

	private static boolean isCausedByPortInUse(Throwable ex) {
		Throwable candidate = ex;
		while (candidate != null) {
			if (candidate instanceof BindException && candidate.getMessage() != null
					&& candidate.getMessage().toLowerCase(Locale.ROOT).contains("in use")) {
				return true;
			}
			candidate = candidate.getCause();
		}
		return false;
	}

}
