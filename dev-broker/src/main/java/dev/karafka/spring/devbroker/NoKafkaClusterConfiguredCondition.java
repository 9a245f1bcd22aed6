package dev.karafka.spring.devbroker;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Condition that matches when the environment names no Kafka cluster to connect to: no
 * bootstrap servers in the starter's or Spring Boot's settings, and no Heroku add-on URL
 * ({@code <karafka.heroku.env-prefix>_URL}, {@code KAFKA_URL} by default) that the
 * starter reads.
 */
class NoKafkaClusterConfiguredCondition extends SpringBootCondition {

	private static final List<String> BOOTSTRAP_SERVERS_PROPERTIES = List.of("karafka.bootstrap-servers",
			"spring.kafka.bootstrap-servers", "spring.kafka.admin.bootstrap-servers",
			"spring.kafka.consumer.bootstrap-servers", "spring.kafka.producer.bootstrap-servers",
			"spring.kafka.streams.bootstrap-servers");

	private static final String KARAFKA_KAFKA_PROPERTY = "karafka.kafka";

	private static final List<String> BOOTSTRAP_SERVERS_KEYS = List.of("bootstrap.servers", "metadata.broker.list");

	private static final String HEROKU_ENV_PREFIX_PROPERTY = "karafka.heroku.env-prefix";

	private static final String HEROKU_ENABLED_PROPERTY = "karafka.heroku.enabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Kafka cluster");
		String clusterConfiguration = findClusterConfiguration(context.getEnvironment());
		if (clusterConfiguration != null) {
			return ConditionOutcome.noMatch(message.found("configuration").items(clusterConfiguration));
		}
		return ConditionOutcome.match(message.didNotFind("bootstrap servers configuration").atAll());
	}

	private @Nullable String findClusterConfiguration(Environment environment) {
		Binder binder = Binder.get(environment);
		boolean starterOn = environment.getProperty("karafka.enabled", Boolean.class, true);
		for (String property : BOOTSTRAP_SERVERS_PROPERTIES) {
			if ((starterOn || !property.startsWith("karafka."))
					&& !binder.bind(property, Bindable.listOf(String.class)).orElse(List.of()).isEmpty()) {
				return property;
			}
		}
		if (!starterOn) {
			return null;
		}
		Map<String, String> kafka = binder.bind(KARAFKA_KAFKA_PROPERTY, Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		for (String key : BOOTSTRAP_SERVERS_KEYS) {
			if (StringUtils.hasText(kafka.get(key))) {
				return KARAFKA_KAFKA_PROPERTY + "[" + key + "]";
			}
		}
		String herokuUrl = environment.getProperty(HEROKU_ENV_PREFIX_PROPERTY, "KAFKA") + "_URL";
		return (environment.getProperty(HEROKU_ENABLED_PROPERTY, Boolean.class, true)
				&& StringUtils.hasText(environment.getProperty(herokuUrl))) ? herokuUrl : null;
	}

}
