package dev.karafka.spring.devbroker;

import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.log.LogMessage;

/**
 * Auto-configuration for an in-process Kafka broker that the application's Kafka clients
 * use when no Kafka cluster is configured.
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

	private static final Log logger = LogFactory.getLog(DevBrokerAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	KafkaTestBroker karafkaDevBroker(DevBrokerProperties properties) {
		KafkaTestBroker broker = start(properties.getPort(), dataDirectory(Path.of("")));
		logger.warn(LogMessage.format(
				"Started an in-process Kafka broker on %s for development only, with its data in %s; "
						+ "set 'karafka.bootstrap-servers' to use a real cluster",
				broker.bootstrapServers(Listener.PLAINTEXT), broker.dataDirectory()));
		return broker;
	}

	@Bean
	@ConditionalOnMissingBean(KafkaConnectionDetails.class)
	DevBrokerKafkaConnectionDetails devBrokerKafkaConnectionDetails(KafkaTestBroker karafkaDevBroker) {
		return new DevBrokerKafkaConnectionDetails(karafkaDevBroker);
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
