package dev.karafka.spring.autoconfigure.admin;

import java.time.Duration;
import java.util.Map;

import dev.karafka.spring.admin.KarafkaAdmin;
import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.naming.NamePrefix;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.assertInvalidSetting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaAdminAutoConfiguration}.
 *
 * @author karafka-spring
 */
class KarafkaAdminAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				SslAutoConfiguration.class, KarafkaAdminAutoConfiguration.class));

	@Test
	void karafkaAdminIsAutoConfigured() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(KarafkaAdmin.class));
	}

	@Test
	void applicationsOwnKarafkaAdminWins() {
		KarafkaAdmin own = new KarafkaAdmin(() -> {
			throw new IllegalStateException("Not used");
		}, new DefaultKafkaConsumerFactory<>(Map.of()), () -> {
			throw new IllegalStateException("Not used");
		}, NamePrefix.NONE, "own", Duration.ofSeconds(1));
		this.contextRunner.withBean(KarafkaAdmin.class, () -> own)
			.run((context) -> assertThat(context.getBean(KarafkaAdmin.class)).isSameAs(own));
	}

	@Test
	void withoutKarafkaAutoConfigurationThereIsNoKarafkaAdmin() {
		this.contextRunner.withPropertyValues("karafka.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KarafkaAdmin.class));
	}

	@Test
	void emptyAdminGroupIdFailsStartUp() {
		assertInvalidSetting(this.contextRunner.withPropertyValues("karafka.admin.group-id= "),
				"karafka.admin.group-id", "it is empty", "remove it to use 'karafka_admin'");
	}

}
