package dev.karafka.spring.autoconfigure.diagnostics;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.karafka.spring.admin.DeadLetterReplayCommand;
import dev.karafka.spring.admin.KarafkaAdmin;
import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.autoconfigure.admin.KarafkaAdminAutoConfiguration;
import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.ClientType;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.deadletter.DeadLetterDispatchFailures;
import dev.karafka.spring.diagnostics.CachedClusterSnapshot;
import dev.karafka.spring.diagnostics.ClusterInfoCommand;
import dev.karafka.spring.diagnostics.ClusterInfoCommand.BootstrapServers;
import dev.karafka.spring.diagnostics.ClusterInspector;
import dev.karafka.spring.diagnostics.ConnectionPlatform;
import dev.karafka.spring.diagnostics.DeadLetterHints;
import dev.karafka.spring.diagnostics.DiagnosticHints;
import dev.karafka.spring.diagnostics.EffectiveClientSettings;
import dev.karafka.spring.diagnostics.KarafkaEndpoint;
import dev.karafka.spring.diagnostics.ListenerContainerStops;
import dev.karafka.spring.diagnostics.hint.TroubleshootingHints;
import dev.karafka.spring.heroku.HerokuKafkaSettings;
import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.origin.Origin;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for diagnostics of Kafka applications: the {@code karafka} Actuator
 * endpoint and the one-off commands: with {@code karafka.cluster-info}, the cluster-info
 * command, and with {@code karafka.dead-letter-replay.topic}, the dead-letter replay.
 * Both read the cluster with an admin client built from {@link KafkaAdmin}'s
 * configuration, within {@code karafka.readiness.timeout}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { KafkaAutoConfiguration.class, KarafkaAutoConfiguration.class, KarafkaAdminAutoConfiguration.class })
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean({ KafkaAdmin.class, ClientSettings.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties(KarafkaProperties.class)
public final class KarafkaDiagnosticsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClusterInspector karafkaClusterInspector(KafkaAdmin kafkaAdmin, ObjectProvider<NamePrefix> prefix,
			ObjectProvider<HerokuKafkaSettings> heroku, ObjectProvider<TroubleshootingHints> hints,
			KarafkaProperties properties) {
		return new ClusterInspector(() -> Admin.create(kafkaAdmin.getConfigurationProperties()),
				prefix.getIfAvailable(() -> NamePrefix.NONE), properties.getReadiness().getTimeout(),
				platform(kafkaAdmin, heroku), () -> loggedHints(hints));
	}

	private static Map<String, String> loggedHints(ObjectProvider<TroubleshootingHints> hints) {
		TroubleshootingHints troubleshootingHints = hints.getIfAvailable();
		return (troubleshootingHints != null) ? troubleshootingHints.activeHints() : Map.of();
	}

	private static Supplier<Collection<MessageListenerContainer>> containers(
			ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		return () -> {
			KafkaListenerEndpointRegistry endpointRegistry = registry.getIfAvailable();
			return (endpointRegistry != null) ? endpointRegistry.getAllListenerContainers() : List.of();
		};
	}

	private static Supplier<ConnectionPlatform> platform(KafkaAdmin kafkaAdmin,
			ObjectProvider<HerokuKafkaSettings> heroku) {
		return () -> {
			HerokuKafkaSettings herokuSettings = heroku.getIfAvailable();
			return ConnectionPlatform.detect(kafkaAdmin.getConfigurationProperties(),
					herokuSettings != null && herokuSettings.isAttached());
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(KarafkaEndpoint.class)
	@EnableConfigurationProperties(KarafkaEndpointProperties.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ListenerContainerStops karafkaListenerContainerStops() {
			return new ListenerContainerStops();
		}

		@Bean
		@ConditionalOnBean(DeadLetterDispatchFailures.class)
		@ConditionalOnMissingBean
		DeadLetterHints karafkaDeadLetterHints(DeadLetterDispatchFailures failures) {
			return new DeadLetterHints(failures);
		}

		@Bean
		@ConditionalOnMissingBean
		CachedClusterSnapshot karafkaCachedClusterSnapshot(ClusterInspector inspector,
				ObjectProvider<KafkaListenerEndpointRegistry> registry, KarafkaProperties properties) {
			Supplier<Collection<MessageListenerContainer>> containers = containers(registry);
			return new CachedClusterSnapshot(() -> inspector.inspect(containers.get()), inspector::timedOut,
					properties.getReadiness().getTimeout(), properties.getReadiness().getCacheTimeToLive(),
					Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		KarafkaEndpoint karafkaEndpoint(CachedClusterSnapshot karafkaCachedClusterSnapshot,
				ListenerContainerStops karafkaListenerContainerStops, KafkaAdmin kafkaAdmin,
				ObjectProvider<KafkaListenerEndpointRegistry> registry, ObjectProvider<NamePrefix> prefix,
				ObjectProvider<HerokuKafkaSettings> heroku, ObjectProvider<ConsumerFactory<?, ?>> consumerFactory,
				ObjectProvider<ProducerFactory<?, ?>> producerFactory,
				ObjectProvider<SanitizingFunction> sanitizingFunctions, ObjectProvider<DiagnosticHints> hints,
				KarafkaEndpointProperties endpointProperties) {
			Map<ClientType, Supplier<Map<String, Object>>> configurations = new EnumMap<>(ClientType.class);
			configurations.put(ClientType.CONSUMER, () -> configuration(consumerFactory.getIfUnique()));
			configurations.put(ClientType.PRODUCER, () -> configuration(producerFactory.getIfUnique()));
			configurations.put(ClientType.ADMIN, kafkaAdmin::getConfigurationProperties);
			EffectiveClientSettings clientSettings = new EffectiveClientSettings(configurations,
					new Sanitizer(sanitizingFunctions.orderedStream().toList()));
			return new KarafkaEndpoint(containers(registry), karafkaCachedClusterSnapshot,
					prefix.getIfAvailable(() -> NamePrefix.NONE), platform(kafkaAdmin, heroku),
					karafkaListenerContainerStops, clientSettings, endpointProperties.getShowValues(),
					endpointProperties.getRoles(), () -> activeHints(hints));
		}

		private static Map<String, Object> configuration(Object factory) {
			if (factory instanceof ConsumerFactory<?, ?> consumers) {
				return consumers.getConfigurationProperties();
			}
			if (factory instanceof ProducerFactory<?, ?> producers) {
				return producers.getConfigurationProperties();
			}
			return Map.of();
		}

		private static Map<String, String> activeHints(ObjectProvider<DiagnosticHints> hints) {
			Map<String, String> active = new LinkedHashMap<>();
			hints.orderedStream().forEach((source) -> active.putAll(source.activeHints()));
			return active;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("karafka.cluster-info")
	static class ClusterInfoConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterInfoCommand karafkaClusterInfoCommand(ClusterInspector inspector, KafkaAdmin kafkaAdmin,
				ObjectProvider<KafkaListenerEndpointRegistry> registry, ObjectProvider<NamePrefix> prefix,
				ObjectProvider<HerokuKafkaSettings> heroku, ObjectProvider<KafkaConnectionDetails> connectionDetails) {
			return new ClusterInfoCommand(inspector, containers(registry), prefix.getIfAvailable(() -> NamePrefix.NONE),
					platform(kafkaAdmin, heroku), () -> bootstrapServers(kafkaAdmin, connectionDetails.getIfUnique()),
					System.out);
		}

		/**
		 * The admin client's bootstrap servers, with where they come from when the
		 * connection details tell it ({@link Origin}).
		 */
		private static @Nullable BootstrapServers bootstrapServers(KafkaAdmin kafkaAdmin,
				@Nullable KafkaConnectionDetails connectionDetails) {
			Object servers = kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
			if (servers == null) {
				return null;
			}
			List<String> list = (servers instanceof Collection<?> collection)
					? collection.stream().map(String::valueOf).toList()
					: StringUtils.commaDelimitedListToSet(servers.toString()).stream().map(String::strip).toList();
			return new BootstrapServers(list, Origin.from(connectionDetails));
		}

		@Bean
		OneOffCommandExit karafkaOneOffCommandExit(ApplicationContext context) {
			return new OneOffCommandExit(context, System::exit);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("karafka.dead-letter-replay.topic")
	@ConditionalOnBean(KarafkaAdmin.class)
	static class DeadLetterReplayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeadLetterReplayCommand karafkaDeadLetterReplayCommand(KarafkaAdmin admin, KarafkaProperties properties) {
			KarafkaProperties.DeadLetterReplay replay = properties.getDeadLetterReplay();
			String topic = replay.getTopic();
			if (!StringUtils.hasText(topic)) {
				throw new InvalidSettingException("karafka.dead-letter-replay.topic", "it is empty",
						"Set it to the dead-letter topic to copy records from, or remove it to run the application.");
			}
			long start = (replay.getStartOffset() != null) ? replay.getStartOffset() : 0;
			long end = (replay.getEndOffset() != null) ? replay.getEndOffset() : Long.MAX_VALUE;
			if (replay.getPartition() < 0) {
				throw new InvalidSettingException("karafka.dead-letter-replay.partition",
						replay.getPartition() + " is negative", "Give a partition of 0 or more.");
			}
			if (start < 0 || start > end) {
				throw new InvalidSettingException("karafka.dead-letter-replay.start-offset",
						"from offset " + start + " to " + ((end != Long.MAX_VALUE) ? end : "the end")
								+ " (karafka.dead-letter-replay.end-offset) is not a range of records",
						"Give a start-offset of 0 or more that is not after end-offset.");
			}
			return new DeadLetterReplayCommand(admin, topic.trim(), replay.getPartition(), start, end,
					replay.getToTopic(), System.out);
		}

		@Bean
		OneOffCommandExit karafkaDeadLetterReplayExit(ApplicationContext context) {
			return new OneOffCommandExit(context, System::exit);
		}

	}

}
