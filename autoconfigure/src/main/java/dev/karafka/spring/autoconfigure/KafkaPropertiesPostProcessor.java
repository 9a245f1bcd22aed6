package dev.karafka.spring.autoconfigure;

import java.util.Map;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.ClientType;
import dev.karafka.spring.naming.NamePrefix;
import dev.karafka.spring.naming.NamePrefixProducerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Applies karafka client settings to the per-client property maps of Boot's
 * {@link KafkaProperties}. Boot applies those maps last, so karafka settings win over
 * every {@code spring.kafka.*} setting, and they reach every client built from
 * {@link KafkaProperties}: the auto-configured consumer and producer factories, the
 * {@code KafkaAdmin}, and factories that applications build themselves. With a
 * {@link NamePrefix}, the default consumer group and the transaction id prefixes get it,
 * and producers send through a {@link NamePrefixProducerInterceptor}.
 *
 * @author karafka-spring
 */
class KafkaPropertiesPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ClientSettings> settings;

	private final ObjectProvider<NamePrefix> prefix;

	private final Environment environment;

	KafkaPropertiesPostProcessor(ObjectProvider<ClientSettings> settings, ObjectProvider<NamePrefix> prefix,
			Environment environment) {
		this.settings = settings;
		this.prefix = prefix;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaProperties properties) {
			apply(this.settings.getObject(), properties);
			applyPrefix(this.prefix.getIfAvailable(() -> NamePrefix.NONE), properties);
		}
		return bean;
	}

	private void apply(ClientSettings settings, KafkaProperties properties) {
		Map<String, String> consumer = properties.getConsumer().getProperties();
		consumer.putAll(settings.propertiesFor(ClientType.CONSUMER));
		properties.getProducer().getProperties().putAll(settings.propertiesFor(ClientType.PRODUCER));
		properties.getAdmin().getProperties().putAll(settings.propertiesFor(ClientType.ADMIN));
		String applicationName = this.environment.getProperty("spring.application.name");
		if (!consumer.containsKey(ConsumerConfig.GROUP_ID_CONFIG) && properties.getConsumer().getGroupId() == null
				&& StringUtils.hasText(applicationName)) {
			consumer.put(ConsumerConfig.GROUP_ID_CONFIG, applicationName);
		}
	}

	private void applyPrefix(NamePrefix prefix, KafkaProperties properties) {
		if (prefix.isEmpty()) {
			return;
		}
		Map<String, String> consumer = properties.getConsumer().getProperties();
		String groupId = consumer.getOrDefault(ConsumerConfig.GROUP_ID_CONFIG, properties.getConsumer().getGroupId());
		if (groupId != null) {
			consumer.put(ConsumerConfig.GROUP_ID_CONFIG, prefix.apply(groupId));
		}
		Map<String, String> producer = properties.getProducer().getProperties();
		String interceptors = producer.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
		producer.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
				StringUtils.hasText(interceptors) ? interceptors + "," + NamePrefixProducerInterceptor.class.getName()
						: NamePrefixProducerInterceptor.class.getName());
		producer.put(NamePrefixProducerInterceptor.PREFIX_CONFIG, prefix.value());
		PropertyMapper map = PropertyMapper.get();
		map.from(properties.getProducer().getTransactionIdPrefix())
			.as(prefix::apply)
			.to(properties.getProducer()::setTransactionIdPrefix);
		map.from(properties.getTemplate().getTransactionIdPrefix())
			.as(prefix::apply)
			.to(properties.getTemplate()::setTransactionIdPrefix);
	}

}
