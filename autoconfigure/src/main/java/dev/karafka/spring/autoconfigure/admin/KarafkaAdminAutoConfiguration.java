package dev.karafka.spring.autoconfigure.admin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.karafka.spring.admin.KarafkaAdmin;
import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.naming.NamePrefix;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for {@link KarafkaAdmin}, which works through the admin client and
 * consumers of Spring Boot's Kafka auto-configuration.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean({ KafkaAdmin.class, ConsumerFactory.class, NamePrefix.class })
public final class KarafkaAdminAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KarafkaAdmin karafkaAdmin(KafkaAdmin kafkaAdmin, ConsumerFactory<Object, Object> consumerFactory,
			ObjectProvider<ProducerFactory<?, ?>> producerFactory, NamePrefix prefix, KarafkaProperties properties) {
		String groupId = properties.getAdmin().getGroupId();
		if (!StringUtils.hasText(groupId)) {
			throw new InvalidSettingException("karafka.admin.group-id", "it is empty",
					"Set it to the consumer group KarafkaAdmin reads topics with, or remove it to use 'karafka_admin'.");
		}
		return new KarafkaAdmin(() -> Admin.create(kafkaAdmin.getConfigurationProperties()), consumerFactory,
				() -> rawProducer(producerFactory.getIfUnique()), prefix, groupId.trim(),
				Duration.ofSeconds(kafkaAdmin.getOperationTimeout()));
	}

	private static Producer<byte[], byte[]> rawProducer(@Nullable ProducerFactory<?, ?> producerFactory) {
		if (producerFactory == null) {
			throw new IllegalStateException("Replaying dead letters needs a single ProducerFactory bean");
		}
		Map<String, Object> configs = new HashMap<>(producerFactory.getConfigurationProperties());
		configs.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		return new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
	}

}
