package dev.karafka.spring.test.context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.TestCertificates;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Applies {@link KafkaTestBrokerConnection} to the application contexts of Spring tests.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KafkaTestBrokerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		KafkaTestBrokerConnection connection = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				KafkaTestBrokerConnection.class);
		return (connection != null) ? new KafkaTestBrokerContextCustomizer(connection.value()) : null;
	}

	private record KafkaTestBrokerContextCustomizer(Listener listener) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("kafkaTestBroker", properties(KafkaTestBroker.shared())));
		}

		private Map<String, Object> properties(KafkaTestBroker broker) {
			Map<String, Object> properties = new LinkedHashMap<>();
			String servers = broker.bootstrapServers(this.listener);
			properties.put("spring.kafka.bootstrap-servers", servers);
			properties.put("karafka.bootstrap-servers", servers);
			TestCertificates certificates = broker.certificates();
			switch (this.listener) {
				case PLAINTEXT -> {
				}
				case SSL -> {
					kafka(properties, "security.protocol", "SSL");
					kafka(properties, "ssl.ca.pem", certificates.caCertificatePem());
					kafka(properties, "ssl.certificate.pem", certificates.clientCertificatePem());
					kafka(properties, "ssl.key.pem", certificates.clientKeyPkcs8Pem());
				}
				case SASL_SSL -> {
					kafka(properties, "security.protocol", "SASL_SSL");
					kafka(properties, "ssl.ca.pem", certificates.caCertificatePem());
					kafka(properties, "sasl.mechanisms", "SCRAM-SHA-512");
					kafka(properties, "sasl.username", broker.scramUsername());
					kafka(properties, "sasl.password", broker.scramPassword());
				}
				case SASL_OAUTHBEARER -> {
					kafka(properties, "security.protocol", "SASL_PLAINTEXT");
					kafka(properties, "sasl.mechanism", "OAUTHBEARER");
					kafka(properties, "sasl.jaas.config",
							"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
									+ "unsecuredLoginStringClaim_sub=\"karafka\";");
				}
			}
			return properties;
		}

		private static void kafka(Map<String, Object> properties, String key, String value) {
			properties.put("karafka.kafka[" + key + "]", value);
		}

	}

}
