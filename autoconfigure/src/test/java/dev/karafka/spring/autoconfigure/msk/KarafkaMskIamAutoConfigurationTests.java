package dev.karafka.spring.autoconfigure.msk;

import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaMskIamAutoConfiguration}.
 *
 * @author karafka-spring
 */
class KarafkaMskIamAutoConfigurationTests {

	private static final String LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";

	private static final String CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaMskIamAutoConfiguration.class, KarafkaAutoConfiguration.class,
				KafkaAutoConfiguration.class))
		.withPropertyValues("karafka.bootstrap-servers=b-1.cluster.kafka.eu-west-1.amazonaws.com:9098");

	@Test
	void enabledIamGivesEveryClientTheIamLogin() {
		this.contextRunner.withPropertyValues("karafka.msk.iam.enabled=true").run((context) -> {
			for (Map<String, Object> config : clientConfigs(context)) {
				assertThat(config).containsEntry("security.protocol", "SASL_SSL")
					.containsEntry("sasl.mechanism", "AWS_MSK_IAM")
					.containsEntry("sasl.jaas.config", LOGIN_MODULE + " required;")
					.containsEntry("sasl.client.callback.handler.class", CALLBACK_HANDLER);
			}
		});
	}

	@Test
	void awsMskIamMechanismInKafkaSettingsGivesTheIamLogin() {
		this.contextRunner.withPropertyValues("karafka.kafka[sasl.mechanisms]=aws_msk_iam")
			.run((context) -> assertThat(clientConfigs(context)[0]).containsEntry("security.protocol", "SASL_SSL")
				.containsEntry("sasl.mechanism", "AWS_MSK_IAM")
				.containsEntry("sasl.client.callback.handler.class", CALLBACK_HANDLER));
	}

	@Test
	void roleArnAndProfileNameBecomeLoginModuleOptions() {
		this.contextRunner
			.withPropertyValues("karafka.msk.iam.enabled=true",
					"karafka.msk.iam.role-arn=arn:aws:iam::123456789012:role/karafka",
					"karafka.msk.iam.profile-name=production")
			.run((context) -> assertThat(clientConfigs(context)[2]).containsEntry("sasl.jaas.config",
					LOGIN_MODULE + " required awsRoleArn=\"arn:aws:iam::123456789012:role/karafka\" "
							+ "awsProfileName=\"production\";"));
	}

	@Test
	void kafkaSettingsWinOverIamDefaults() {
		this.contextRunner
			.withPropertyValues("karafka.msk.iam.enabled=true",
					"karafka.kafka[sasl.jaas.config]=" + LOGIN_MODULE + " required awsDebugCreds=true;")
			.run((context) -> assertThat(clientConfigs(context)[1]).containsEntry("sasl.jaas.config",
					LOGIN_MODULE + " required awsDebugCreds=true;"));
	}

	@Test
	void iamIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(clientConfigs(context)[0]).doesNotContainKey("sasl.mechanism")
			.doesNotContainKey("sasl.client.callback.handler.class"));
	}

	@Test
	void roleArnWhileIamIsOffFailsStartup() {
		this.contextRunner.withPropertyValues("karafka.msk.iam.role-arn=arn:aws:iam::123456789012:role/karafka")
			.run((context) -> assertInvalidSetting(context, "karafka.msk.iam.role-arn",
					"is set, but AWS MSK IAM authentication is off", "karafka.msk.iam.enabled=true"));
	}

	@Test
	void profileNameWhileIamIsOffFailsStartup() {
		this.contextRunner.withPropertyValues("karafka.msk.iam.profile-name=production")
			.run((context) -> assertInvalidSetting(context, "karafka.msk.iam.profile-name",
					"is set, but AWS MSK IAM authentication is off", "karafka.msk.iam.enabled=true"));
	}

	@Test
	void roleArnWithAwsMskIamMechanismInKafkaSettingsIsUsed() {
		this.contextRunner
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=AWS_MSK_IAM",
					"karafka.msk.iam.role-arn=arn:aws-cn:iam::123456789012:role/teams/karafka")
			.run((context) -> assertThat(clientConfigs(context)[0]).containsEntry("sasl.jaas.config",
					LOGIN_MODULE + " required awsRoleArn=\"arn:aws-cn:iam::123456789012:role/teams/karafka\";"));
	}

	@Test
	void roleArnThatIsNotAnIamRoleArnFailsStartup() {
		this.contextRunner
			.withPropertyValues("karafka.msk.iam.enabled=true",
					"karafka.msk.iam.role-arn=arn:aws:iam::123456789012:user/karafka")
			.run((context) -> assertInvalidSetting(context, "karafka.msk.iam.role-arn",
					"'arn:aws:iam::123456789012:user/karafka' is not the ARN of an IAM role",
					"arn:aws:iam::<12-digit account>:role/<name>"));
	}

	@Test
	void blankProfileNameFailsStartup() {
		this.contextRunner.withPropertyValues("karafka.msk.iam.enabled=true", "karafka.msk.iam.profile-name= ")
			.run((context) -> assertInvalidSetting(context, "karafka.msk.iam.profile-name", "is empty",
					"default AWS credentials"));
	}

	@Test
	void iamWithoutTheLibraryFailsStartupNamingTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("software.amazon.msk"))
			.withPropertyValues("karafka.msk.iam.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
						assertThat(ex.getSetting()).isEqualTo("karafka.msk.iam.enabled");
						assertThat(ex.getProblem()).contains("aws-msk-iam-auth");
						assertThat(ex.getAction())
							.isEqualTo("Add the dependency software.amazon.msk:aws-msk-iam-auth to the application.");
					});
			});
	}

	@Test
	void awsMskIamMechanismWithoutTheLibraryFailsStartup() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("software.amazon.msk"))
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=AWS_MSK_IAM")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("karafka.kafka.sasl.mechanisms"));
	}

	@Test
	void withoutTheLibraryOtherAuthenticationStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("software.amazon.msk"))
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512", "karafka.kafka[sasl.username]=user",
					"karafka.kafka[sasl.password]=secret", "karafka.kafka[security.protocol]=SASL_SSL")
			.run((context) -> assertThat(clientConfigs(context)[0]).containsEntry("sasl.mechanism", "SCRAM-SHA-512"));
	}

	private static void assertInvalidSetting(AssertableApplicationContext context, String setting, String problem,
			String action) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
				assertThat(ex.getSetting()).isEqualTo(setting);
				assertThat(ex.getProblem()).isEqualTo(problem);
				assertThat(ex.getAction()).contains(action);
			});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object>[] clientConfigs(AssertableApplicationContext context) {
		return new Map[] { context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties(),
				context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties(),
				context.getBean(KafkaAdmin.class).getConfigurationProperties() };
	}

}
