package dev.karafka.spring.devbroker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.autoconfigure.diagnostics.KarafkaHintsAutoConfiguration;
import dev.karafka.spring.diagnostics.hint.ClientErrorHints;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DevBrokerAutoConfiguration}.
 */
class DevBrokerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DevBrokerAutoConfiguration.class, KafkaAutoConfiguration.class));

	@Test
	void pointsKafkaClientsAtDevBrokerAheadOfKarafkaConnectionDetails() {
		KafkaTestBroker broker = mock(KafkaTestBroker.class);
		given(broker.bootstrapServers(Listener.PLAINTEXT)).willReturn("localhost:19092");
		this.contextRunner.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class))
			.withBean(KafkaTestBroker.class, () -> broker)
			.run((context) -> {
				assertThat(context).hasSingleBean(KafkaConnectionDetails.class)
					.hasSingleBean(DevBrokerKafkaConnectionDetails.class);
				assertThat(context.getBean(KafkaAdmin.class).getConfigurationProperties())
					.containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("localhost:19092"))
					.containsEntry(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
			});
	}

	@Test
	void unreachableHintOfAOneOffCommandNamesTheDevelopmentBrokersPort() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(KarafkaAutoConfiguration.class, KarafkaHintsAutoConfiguration.class))
			.withPropertyValues(DevBrokerAutoConfiguration.ATTACH + "=true", "karafka.dev-broker.port=19092")
			.run((context) -> assertThat(
					context.getBean(ClientErrorHints.class).unreachable("localhost/127.0.0.1:19092").text())
				.contains("the bootstrap servers, from 'karafka.dev-broker.port' (the in-process development broker "
						+ "of the running application, which must be up)")
				.doesNotContain("karafka.bootstrap-servers"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "karafka.kafka[security.protocol]=sasl_plaintext|karafka.kafka[security.protocol]",
					"spring.kafka.security.protocol=SSL|spring.kafka.security.protocol",
					"spring.kafka.properties[security.protocol]=SASL_SSL|spring.kafka.properties[security.protocol]",
					"spring.kafka.consumer.security.protocol=SSL|spring.kafka.consumer.security.protocol" })
	void securityProtocolWithoutBootstrapServersFailsStartupNamingIt(String property, String setting) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).getFailure().rootCause().isInstanceOf(DevBrokerSecurityProtocolException.class);
			DevBrokerSecurityProtocolException failure = (DevBrokerSecurityProtocolException) NestedExceptionUtils
				.getMostSpecificCause(context.getStartupFailure());
			assertThat(failure.getSetting()).isEqualTo(setting);
			assertThat(new DevBrokerSecurityProtocolFailureAnalyzer().analyze(failure).getDescription())
				.contains("'" + setting + "' is " + property.substring(property.indexOf('=') + 1))
				.contains("serves PLAINTEXT only");
		});
	}

	@ParameterizedTest
	@CsvSource({ "KUBERNETES_SERVICE_HOST, Kubernetes", "DYNO, Heroku" })
	void doesNotStartUnaskedOnADeploymentPlatform(String variable, String platform) {
		this.contextRunner.withPropertyValues(variable + "=web.1").run((context) -> {
			assertThat(context).getFailure().rootCause().isInstanceOf(DevBrokerOnPlatformException.class);
			DevBrokerOnPlatformException failure = (DevBrokerOnPlatformException) NestedExceptionUtils
				.getMostSpecificCause(context.getStartupFailure());
			assertThat(new DevBrokerOnPlatformFailureAnalyzer().analyze(failure).getDescription())
				.contains("runs on " + platform + " (" + variable + " is set)");
		});
	}

	@Test
	void startsOnADeploymentPlatformWhenEnabledExplicitly() {
		MockEnvironment environment = new MockEnvironment().withProperty("KUBERNETES_SERVICE_HOST", "10.0.0.1")
			.withProperty("karafka.dev-broker.enabled", "true");
		assertThatNoException().isThrownBy(() -> DevBrokerAutoConfiguration.checkNotDeployed(environment));
	}

	@ParameterizedTest
	@ValueSource(strings = { "karafka.bootstrap-servers=kafka.example.com:9092",
			"karafka.kafka[bootstrap.servers]=kafka.example.com:9092", "KAFKA_URL=kafka+ssl://kafka.example.com:9096" })
	void startsWhenOnlyTheStartersSettingsNameAClusterButTheStarterIsOff(String setting) {
		KafkaTestBroker broker = mock(KafkaTestBroker.class);
		given(broker.bootstrapServers(Listener.PLAINTEXT)).willReturn("localhost:19092");
		this.contextRunner.withPropertyValues("karafka.enabled=false", setting)
			.withBean(KafkaTestBroker.class, () -> broker)
			.run((context) -> assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
				.containsExactly("localhost:19092"));
	}

	@Test
	void doesNotStartWhenSpringKafkaBootstrapServersAreSet() {
		this.contextRunner.withPropertyValues("spring.kafka.bootstrap-servers=kafka.example.com:9092")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KafkaTestBroker.class);
				assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
					.containsExactly("kafka.example.com:9092");
			});
	}

	@Test
	void doesNotStartWhenClientSpecificSpringKafkaBootstrapServersAreSet() {
		this.contextRunner.withPropertyValues("spring.kafka.consumer.bootstrap-servers=kafka.example.com:9092")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTestBroker.class));
	}

	@Test
	void doesNotStartWhenKarafkaBootstrapServersAreSet() {
		this.contextRunner.withPropertyValues("karafka.bootstrap-servers=kafka.example.com:9092")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTestBroker.class)
				.doesNotHaveBean(DevBrokerKafkaConnectionDetails.class));
	}

	@Test
	void doesNotStartWhenKarafkaBootstrapServersAreSetAsIndexedList() {
		this.contextRunner.withPropertyValues("karafka.bootstrap-servers[0]=kafka-1.example.com:9092")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTestBroker.class));
	}

	@Test
	void doesNotStartWhenKarafkaKafkaSettingsHoldBootstrapServers() {
		this.contextRunner.withPropertyValues("karafka.kafka[bootstrap.servers]=kafka.example.com:9092")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTestBroker.class)
				.doesNotHaveBean(DevBrokerKafkaConnectionDetails.class));
	}

	@Test
	void doesNotStartWhenKarafkaKafkaSettingsHoldLibrdkafkaBrokerList() {
		this.contextRunner.withPropertyValues("karafka.kafka[metadata.broker.list]=kafka.example.com:9092")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTestBroker.class));
	}

	@Test
	void doesNotStartWhenKafkaUrlIsSet() {
		this.contextRunner.withPropertyValues("KAFKA_URL=kafka+ssl://kafka.example.com:9096")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTestBroker.class));
	}

	@Test
	void doesNotStartWhenTheKafkaUrlOfACustomHerokuEnvPrefixIsSet() {
		this.contextRunner
			.withPropertyValues("karafka.heroku.env-prefix=MY_KAFKA", "MY_KAFKA_URL=kafka+ssl://kafka.example.com:9096")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTestBroker.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "karafka.heroku.env-prefix=MY_KAFKA", "karafka.heroku.enabled=false" })
	void startsWhenKafkaUrlIsSetButTheStarterDoesNotReadIt(String setting) {
		KafkaTestBroker broker = mock(KafkaTestBroker.class);
		given(broker.bootstrapServers(Listener.PLAINTEXT)).willReturn("localhost:19092");
		this.contextRunner.withPropertyValues(setting, "KAFKA_URL=kafka+ssl://kafka.example.com:9096")
			.withBean(KafkaTestBroker.class, () -> broker)
			.run((context) -> assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
				.containsExactly("localhost:19092"));
	}

	@Test
	void doesNotStartWhenDisabled() {
		this.contextRunner.withPropertyValues("karafka.dev-broker.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTestBroker.class)
				.doesNotHaveBean(DevBrokerProperties.class));
	}

	@Test
	void doesNotStartWhenUserDefinesKafkaConnectionDetails() {
		this.contextRunner.withBean(KafkaConnectionDetails.class, () -> () -> List.of("kafka.example.com:9092"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KafkaTestBroker.class);
				assertThat(context).getBean(KafkaConnectionDetails.class)
					.isNotInstanceOf(DevBrokerKafkaConnectionDetails.class);
			});
	}

	@Test
	void doesNotStartWithoutTestBrokerOnClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(KafkaTestBroker.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DevBrokerProperties.class)
				.doesNotHaveBean(DevBrokerKafkaConnectionDetails.class));
	}

	@Test
	void doesNotStartWithoutSpringBootKafkaOnClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(KafkaConnectionDetails.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DevBrokerProperties.class));
	}

	@Test
	void keepsDataUnderTargetWhenWorkingDirectoryHasTargetFolder(@TempDir Path workingDirectory) throws IOException {
		Files.createDirectory(workingDirectory.resolve("target"));
		assertThat(DevBrokerAutoConfiguration.dataDirectory(workingDirectory))
			.isEqualTo(workingDirectory.resolve("target/karafka-dev-broker").toAbsolutePath());
	}

	@Test
	void leavesDataToTemporaryDirectoryWhenWorkingDirectoryHasNoTargetFolder(@TempDir Path workingDirectory) {
		assertThat(DevBrokerAutoConfiguration.dataDirectory(workingDirectory)).isNull();
	}

}
