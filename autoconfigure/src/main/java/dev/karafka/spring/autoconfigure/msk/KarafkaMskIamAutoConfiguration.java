package dev.karafka.spring.autoconfigure.msk;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.KarafkaProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for AWS MSK IAM authentication through
 * {@code software.amazon.msk:aws-msk-iam-auth}, as platform settings of
 * {@link KarafkaAutoConfiguration}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(before = KarafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaTemplate.class, KafkaProperties.class })
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties(KarafkaProperties.class)
public final class KarafkaMskIamAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MskIamKafkaSettings karafkaMskIamKafkaSettings(KarafkaProperties properties, ResourceLoader resourceLoader) {
		return new MskIamKafkaSettings(properties,
				ClassUtils.isPresent(MskIamKafkaSettings.LOGIN_MODULE, resourceLoader.getClassLoader()));
	}

}
