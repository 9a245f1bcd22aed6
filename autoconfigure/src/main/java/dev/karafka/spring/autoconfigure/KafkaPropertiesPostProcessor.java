package dev.karafka.spring.autoconfigure;

import java.util.Map;

import dev.karafka.spring.connection.ClientSettings;
import dev.karafka.spring.connection.ClientType;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Applies karafka client settings to the per-client property maps of Boot's
 * {@link KafkaProperties}. Boot applies those maps last, so karafka settings win over
 * every {@code spring.kafka.*} setting, and they reach every client built from
 * {@link KafkaProperties}: the auto-configured consumer and producer factories, the
 * {@code KafkaAdmin}, and factories that applications build themselves.
 *
 * @author karafka-spring
 */
class KafkaPropertiesPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ClientSettings> settings;

	private final Environment environment;

	KafkaPropertiesPostProcessor(ObjectProvider<ClientSettings> settings, Environment environment) {
		this.settings = settings;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaProperties properties) {
			apply(this.settings.getObject(), properties);
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

}
