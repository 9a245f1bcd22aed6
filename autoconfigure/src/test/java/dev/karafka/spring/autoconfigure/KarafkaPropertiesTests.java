package dev.karafka.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.processing.ListenerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link KarafkaProperties}.
 *
 * @author karafka-spring
 */
class KarafkaPropertiesTests {

	@ParameterizedTest
	@CsvSource({ "PT0S, 0s", "PT-5S, -5s", "PT90S, 90s", "PT-2M, -2m", "PT3H, 3h", "PT48H, 2d", "PT1.5S, 1500ms",
			"PT-0.25S, -250ms", "PT0.000001S, 1000ns" })
	void durationsInReportsAreWrittenAsUsersWriteThem(String duration, String written) {
		assertThat(KarafkaProperties.written(Duration.parse(duration))).isEqualTo(written);
	}

	@ParameterizedTest
	@ValueSource(strings = { "orders dlq", "orders/dlq", ".", "..", "", "orders\u00e9" })
	void deadLetterTopicThatKafkaRefusesIsReportedWithItsSetting(String topic) {
		KarafkaProperties properties = new KarafkaProperties();
		properties.getDeadLetterQueue().setTopic(topic);
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(properties::buildListenerSettings)
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.dead-letter-queue.topic");
				assertThat(ex.getProblem()).startsWith("the topic name is invalid: ");
				assertThat(ex.getAction()).contains("1 to 249 characters");
			});
	}

	@Test
	void everyInvalidSettingIsReportedAtOnceAfterBinding() {
		KarafkaProperties properties = new KarafkaProperties();
		properties.setConcurrency(0);
		properties.getPause().setTimeout(Duration.ofSeconds(-1));
		KarafkaProperties.Topic orders = new KarafkaProperties.Topic();
		orders.setMaxMessages(0);
		properties.getTopics().put("orders", orders);
		properties.getLiveness().setPollingTtl(Duration.ZERO);
		properties.getReadiness().setCacheTimeToLive(Duration.ofSeconds(-1));
		properties.getDeadLetterQueue().setStackTraceLimit(DataSize.ofBytes(8));
		properties.getSupervision().setMaxRestarts(-1);
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(properties::afterPropertiesSet)
			.satisfies((ex) -> assertThat(settings(ex)).containsExactly("karafka.concurrency", "karafka.pause.timeout",
					"karafka.topics.orders.max-messages", "karafka.liveness.polling-ttl",
					"karafka.readiness.cache-time-to-live", "karafka.dead-letter-queue.stack-trace-limit",
					"karafka.supervision.max-restarts"));
	}

	@Test
	void globalPauseProblemIsReportedOnceWhateverTheTopicsSet() {
		KarafkaProperties properties = new KarafkaProperties();
		properties.getPause().setTimeout(Duration.ofMinutes(1));
		KarafkaProperties.Topic orders = new KarafkaProperties.Topic();
		orders.setConcurrency(2);
		properties.getTopics().put("orders", orders);
		properties.getTopics().put("payments", new KarafkaProperties.Topic());
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(properties::afterPropertiesSet)
			.satisfies((ex) -> assertThat(settings(ex)).containsExactly("karafka.pause.timeout"));
	}

	@Test
	void defaultsPassTheCheckAfterBinding() {
		assertThatNoException().isThrownBy(new KarafkaProperties()::afterPropertiesSet);
	}

	@Test
	void deadLetterTopicLongerThanKafkaAllowsIsReported() {
		KarafkaProperties properties = new KarafkaProperties();
		properties.getDeadLetterQueue().setTopic("d".repeat(250));
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(properties::buildListenerSettings)
			.satisfies((ex) -> assertThat(ex.getProblem()).contains("longer than the max allowed length 249"));
	}

	@Test
	void deadLetterTopicOfTheLongestNameKafkaAllowsIsAccepted() {
		KarafkaProperties properties = new KarafkaProperties();
		properties.getDeadLetterQueue().setTopic("d".repeat(249));
		assertThat(properties.buildListenerSettings().deadLetterTopic()).hasSize(249);
	}

	@Test
	void deadLetterMaxBlockTimeMustBePositive() {
		KarafkaProperties properties = new KarafkaProperties();
		properties.getDeadLetterQueue().setTopic("orders_dlq");
		properties.getDeadLetterQueue().setMaxBlockTime(Duration.ZERO);
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(properties::buildListenerSettings)
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("karafka.dead-letter-queue.max-block-time"));
	}

	@Test
	void topicDeadLetterTopicThatKafkaRefusesIsReportedWithTheTopicsSetting() {
		KarafkaProperties properties = new KarafkaProperties();
		KarafkaProperties.Topic orders = new KarafkaProperties.Topic();
		orders.getDeadLetterQueue().setTopic("orders dlq");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> orders.applyTo("orders", properties.buildListenerSettings()))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("karafka.topics.orders.dead-letter-queue.topic"));
	}

	@Test
	void topicThatIsItsOwnDeadLetterTopicIsReported() {
		KarafkaProperties properties = new KarafkaProperties();
		KarafkaProperties.Topic orders = new KarafkaProperties.Topic();
		orders.getDeadLetterQueue().setTopic("orders");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> orders.applyTo("orders", properties.buildListenerSettings()))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.topics.orders.dead-letter-queue.topic");
				assertThat(ex.getProblem()).contains("topic 'orders' would be its own dead-letter topic", "forever");
				assertThat(ex.getAction()).contains("'orders_dlq'");
			});
	}

	@Test
	void topicThatInheritsItselfAsDeadLetterTopicIsReportedWithTheGlobalSetting() {
		KarafkaProperties properties = new KarafkaProperties();
		properties.getDeadLetterQueue().setTopic("orders");
		KarafkaProperties.Topic orders = new KarafkaProperties.Topic();
		orders.setConcurrency(2);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> orders.applyTo("orders", properties.buildListenerSettings()))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.dead-letter-queue.topic");
				assertThat(ex.getAction()).contains("karafka.topics.orders.dead-letter-queue.topic");
			});
	}

	@Test
	void topicWithADeadLetterTopicOfItsOwnMayBeTheGlobalDeadLetterTopic() {
		KarafkaProperties properties = new KarafkaProperties();
		properties.getDeadLetterQueue().setTopic("orders");
		KarafkaProperties.Topic orders = new KarafkaProperties.Topic();
		orders.getDeadLetterQueue().setTopic("orders_dlq");
		ListenerSettings settings = orders.applyTo("orders", properties.buildListenerSettings());
		assertThat(settings.deadLetterTopic()).isEqualTo("orders_dlq");
	}

	@Test
	void pauseLongerThanItsLongestIsRefused() {
		KarafkaProperties properties = new KarafkaProperties();
		properties.getPause().setTimeout(Duration.ofMinutes(1));
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(properties::buildListenerSettings)
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.pause.timeout");
				assertThat(ex.getProblem())
					.isEqualTo("it is 1m, longer than karafka.pause.max-timeout (30s), the " + "longest back-off");
			});
	}

	@Test
	void topicPauseLongerThanTheLongestItInheritsIsRefusedNamingBoth() {
		KarafkaProperties properties = new KarafkaProperties();
		KarafkaProperties.Topic orders = new KarafkaProperties.Topic();
		orders.getPause().setTimeout(Duration.ofSeconds(45));
		ListenerSettings global = properties.buildListenerSettings();
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> orders.applyTo("orders", global))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.topics.orders.pause.timeout");
				assertThat(ex.getProblem()).contains("longer than karafka.pause.max-timeout (30s)");
			});
		orders.getPause().setMaxTimeout(Duration.ofMinutes(1));
		assertThat(orders.applyTo("orders", global).pauseTimeout()).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void topicMaxTimeoutShorterThanTheTimeoutItInheritsIsRefusedNamingTheTopicsSetting() {
		KarafkaProperties.Topic orders = new KarafkaProperties.Topic();
		orders.getPause().setMaxTimeout(Duration.ofMillis(500));
		ListenerSettings global = new KarafkaProperties().buildListenerSettings();
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> orders.applyTo("orders", global))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("karafka.topics.orders.pause.max-timeout");
				assertThat(ex.getProblem())
					.isEqualTo("it is 500ms, shorter than karafka.pause.timeout (1s), the first back-off");
			});
	}

	private static List<String> settings(InvalidSettingException failure) {
		List<String> settings = new ArrayList<>(List.of(failure.getSetting()));
		for (Throwable suppressed : failure.getSuppressed()) {
			settings.add(((InvalidSettingException) suppressed).getSetting());
		}
		return settings;
	}

}
