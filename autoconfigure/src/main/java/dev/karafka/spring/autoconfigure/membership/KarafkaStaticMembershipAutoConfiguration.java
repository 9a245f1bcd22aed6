package dev.karafka.spring.autoconfigure.membership;

import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.membership.GroupInstanceIds;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for static group membership of listener containers
 * ({@code karafka.static-membership.*}), and for the start-up check that no two
 * containers share a {@code group.instance.id}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaListenerEndpointRegistry.class)
@ConditionalOnBean({ KafkaListenerEndpointRegistry.class, KarafkaProperties.class })
public final class KarafkaStaticMembershipAutoConfiguration {

	private static final String INSTANCE_ID = "karafka.static-membership.instance-id";

	/**
	 * The registry is looked up lazily: a dependency on it would make Spring start it,
	 * and with it the containers, before this bean.
	 */
	@Bean
	@ConditionalOnMissingBean
	GroupInstanceIds karafkaGroupInstanceIds(KarafkaProperties properties, KafkaProperties kafkaProperties,
			ObjectProvider<KafkaListenerEndpointRegistry> registry, Environment environment) {
		KarafkaProperties.StaticMembership membership = properties.getStaticMembership();
		String instanceId = membership.isEnabled() ? instanceId(membership.getInstanceId(), environment) : null;
		Object sharedId = kafkaProperties.buildConsumerProperties().get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		return new GroupInstanceIds(instanceId, (sharedId != null) ? sharedId.toString() : null,
				() -> registry.getObject().getAllListenerContainers(), () -> registry.getObject().getPhase());
	}

	private static String instanceId(@Nullable String configured, Environment environment) {
		if (configured != null) {
			if (!StringUtils.hasText(configured)) {
				throw new InvalidSettingException(INSTANCE_ID, "it is empty",
						"Set it to a name that is stable across restarts of this process and unique in the group, "
								+ "or remove it to use the HOSTNAME environment variable.");
			}
			String instanceId = configured.trim();
			if (!instanceId.equals(GroupInstanceIds.idPart(instanceId))) {
				throw new InvalidSettingException(INSTANCE_ID,
						"'" + instanceId + "' has characters Kafka does not accept in a group.instance.id",
						"Use only ASCII letters, digits, '.', '_' and '-'.");
			}
			return instanceId;
		}
		String hostname = environment.getProperty("HOSTNAME");
		if (StringUtils.hasText(hostname)) {
			return GroupInstanceIds.idPart(hostname.trim());
		}
		try {
			return GroupInstanceIds.idPart(InetAddress.getLocalHost().getHostName());
		}
		catch (UnknownHostException ex) {
			throw new InvalidSettingException(INSTANCE_ID,
					"it is not set, HOSTNAME is not set and the host name cannot be resolved",
					"Set it to a name that is stable across restarts of this process and unique in the group.", ex);
		}
	}

}
