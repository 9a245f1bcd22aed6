package dev.karafka.spring.autoconfigure;

import java.util.Map;

import dev.karafka.spring.connection.InvalidSettingException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the auto-configured Kafka clients receive, and how start-up fails on a bad
 * setting, for {@link ApplicationContextRunner} tests.
 *
 * @author karafka-spring
 */
public final class KafkaClientAssertions {

	private KafkaClientAssertions() {
	}

	public static Map<String, Object> consumerConfig(AssertableApplicationContext context) {
		return context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties();
	}

	public static Map<String, Object> producerConfig(AssertableApplicationContext context) {
		return context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties();
	}

	public static Map<String, Object> adminConfig(AssertableApplicationContext context) {
		return context.getBean(KafkaAdmin.class).getConfigurationProperties();
	}

	/**
	 * Run the given context, assert that it fails with an {@link InvalidSettingException}
	 * for the given setting, and return the failure analysis users see.
	 * @param contextRunner the runner, with the bad settings
	 * @param setting the setting or environment variable the analysis must name
	 * @param problem what the description must say is wrong
	 * @param action what the action must say
	 * @return the failure analysis
	 */
	public static FailureAnalysis assertInvalidSetting(ApplicationContextRunner contextRunner, String setting,
			String problem, String action) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidSettingFailureAnalyzer(new StandardEnvironment())
				.analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).isNotNull();
		assertThat(analysis[0].getDescription()).startsWith("Invalid setting '" + setting + "'").contains(problem);
		assertThat(analysis[0].getAction()).contains(action);
		return analysis[0];
	}

}
