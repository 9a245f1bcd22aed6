package dev.karafka.spring.autoconfigure.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.connection.InvalidSettingException;
import dev.karafka.spring.oauth.OAuthToken;
import dev.karafka.spring.oauth.OAuthTokenProvider;
import dev.karafka.spring.oauth.OAuthTokenProviderLoginCallbackHandler;
import dev.karafka.spring.oauth.OAuthTokenProviderRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.consumerConfig;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.producerConfig;
import static dev.karafka.spring.autoconfigure.KafkaClientAssertions.adminConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link KarafkaOAuthAutoConfiguration}.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
class KarafkaOAuthAutoConfigurationTests {

	private static final String HANDLER = OAuthTokenProviderLoginCallbackHandler.class.getName();

	private static final String PROVIDER = OAuthTokenProviderLoginCallbackHandler.TOKEN_PROVIDER_CONFIG;

	private static final OAuthTokenProvider tokenProvider = () -> new OAuthToken("token", Instant.now(), "alice");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KarafkaOAuthAutoConfiguration.class,
				KafkaAutoConfiguration.class))
		.withPropertyValues("spring.kafka.security.protocol=SASL_SSL");

	@Test
	void tokenProviderServesConsumersProducersAndTheAdmin() {
		this.contextRunner.withBean(OAuthTokenProvider.class, () -> tokenProvider)
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=OAUTHBEARER")
			.run((context) -> {
				String id = context.getBean(OAuthTokenProviderRegistration.class).getId();
				assertThat(consumerConfig(context)).containsEntry("sasl.login.callback.handler.class", HANDLER)
					.containsEntry("sasl.jaas.config",
							"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;")
					.containsEntry(PROVIDER, tokenProvider);
				assertThat(producerConfig(context)).containsEntry("sasl.login.callback.handler.class", HANDLER)
					.containsEntry(PROVIDER, tokenProvider);
				assertThat(adminConfig(context)).containsEntry("sasl.login.callback.handler.class", HANDLER)
					.containsEntry("sasl.mechanism", "OAUTHBEARER")
					.containsEntry(PROVIDER, id);
			});
	}

	@Test
	void oauthbearerFromSpringKafkaPropertiesUsesTheTokenProviderToo() {
		this.contextRunner.withBean(OAuthTokenProvider.class, () -> tokenProvider)
			.withPropertyValues("spring.kafka.properties[sasl.mechanism]=OAUTHBEARER")
			.run((context) -> assertThat(consumerConfig(context)).containsEntry(PROVIDER, tokenProvider));
	}

	@Test
	void factoriesBuiltFromKafkaPropertiesFindTheProviderThroughItsRegistration() {
		this.contextRunner.withBean(OAuthTokenProvider.class, () -> tokenProvider)
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=OAUTHBEARER")
			.run((context) -> {
				Map<String, Object> config = context.getBean(KafkaProperties.class).buildProducerProperties();
				assertThat(config).containsEntry(PROVIDER,
						context.getBean(OAuthTokenProviderRegistration.class).getId());
			});
	}

	@Test
	void backsOffWhenTheStarterAutoConfigurationIsExcluded() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KarafkaOAuthAutoConfiguration.class, KafkaAutoConfiguration.class))
			.withBean(OAuthTokenProvider.class, () -> tokenProvider)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(KafkaProperties.class)
				.doesNotHaveBean(OAuthKafkaPropertiesPostProcessor.class));
	}

	@Test
	void userJaasConfigIsKept() {
		String jaasConfig = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required a=\"1\";";
		this.contextRunner.withBean(OAuthTokenProvider.class, () -> tokenProvider)
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=OAUTHBEARER",
					"karafka.kafka[sasl.jaas.config]=" + jaasConfig)
			.run((context) -> assertThat(consumerConfig(context)).containsEntry("sasl.jaas.config", jaasConfig));
	}

	@Test
	void userLoginCallbackHandlerIsKept() {
		this.contextRunner
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=OAUTHBEARER",
					"karafka.kafka[sasl.login.callback.handler.class]=com.example.TokenHandler")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(consumerConfig(context))
					.containsEntry("sasl.login.callback.handler.class", "com.example.TokenHandler")
					.doesNotContainKey(PROVIDER);
			});
	}

	@Test
	void oidcTokenEndpointNeedsNoTokenProvider() {
		this.contextRunner
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=OAUTHBEARER",
					"karafka.kafka[sasl.oauthbearer.token.endpoint.url]=https://idp.example.com/token")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(consumerConfig(context)).doesNotContainKey(PROVIDER);
			});
	}

	@Test
	void librdkafkaOidcSettingsUseKafkasOidcLoginInsteadOfATokenProvider() {
		this.contextRunner
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=OAUTHBEARER",
					"karafka.kafka[sasl.oauthbearer.method]=oidc", "karafka.kafka[sasl.oauthbearer.client.id]=karafka",
					"karafka.kafka[sasl.oauthbearer.client.secret]=secret",
					"karafka.kafka[sasl.oauthbearer.token.endpoint.url]=https://idp.example.com/token")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(adminConfig(context))
					.containsEntry("sasl.login.callback.handler.class",
							"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler")
					.doesNotContainKey(PROVIDER);
			});
	}

	@Test
	void kafkasUnsecuredLoginNeedsNoTokenProvider() {
		this.contextRunner
			.withPropertyValues("spring.kafka.properties[sasl.mechanism]=OAUTHBEARER",
					"spring.kafka.properties[sasl.jaas.config]=org.apache.kafka.common.security.oauthbearer."
							+ "OAuthBearerLoginModule required unsecuredLoginStringClaim_sub=\"alice\";")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(consumerConfig(context)).doesNotContainKey(PROVIDER)
					.doesNotContainKey("sasl.login.callback.handler.class");
			});
	}

	@Test
	void otherMechanismsLeaveTheTokenProviderUnused() {
		this.contextRunner.withBean(OAuthTokenProvider.class, () -> tokenProvider)
			.withPropertyValues("karafka.kafka[sasl.mechanisms]=PLAIN", "karafka.kafka[sasl.username]=user",
					"karafka.kafka[sasl.password]=secret")
			.run((context) -> assertThat(consumerConfig(context)).doesNotContainKey(PROVIDER)
				.doesNotContainKey("sasl.login.callback.handler.class"));
	}

	@Test
	void oauthbearerWithoutTokenProviderFailsStartup() {
		this.contextRunner.withPropertyValues("karafka.kafka[sasl.mechanisms]=OAUTHBEARER").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("OAUTHBEARER needs a source of tokens");
		});
	}

	@Test
	void oauthbearerWithoutTokenProviderIsReportedWithHowToAddOne(CapturedOutput output) {
		SpringApplication application = new SpringApplication(OAuthApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatThrownBy(() -> application.run("--karafka.kafka.sasl.mechanisms=OAUTHBEARER",
				"--karafka.kafka.security.protocol=SASL_SSL", "--karafka.readiness.enabled=false",
				"--spring.kafka.admin.auto-create=false"))
			.hasRootCauseInstanceOf(InvalidSettingException.class);
		assertThat(output)
			.contains("Invalid setting 'sasl.mechanism': SASL mechanism OAUTHBEARER needs a source of "
					+ "tokens, and none is given.")
			.contains("Add a bean of type dev.karafka.spring.oauth.OAuthTokenProvider");
	}

	@Test
	void registrationIsRemovedWhenTheContextCloses() {
		String[] id = new String[1];
		this.contextRunner.withBean(OAuthTokenProvider.class, () -> tokenProvider)
			.run((context) -> id[0] = context.getBean(OAuthTokenProviderRegistration.class).getId());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OAuthTokenProviderLoginCallbackHandler().configure(Map.of(PROVIDER, id[0]),
					"OAUTHBEARER", List.of()))
			.withMessageContaining("No OAuthTokenProvider found");
	}

	@Test
	void disabledKarafkaLeavesOAuthAlone() {
		this.contextRunner.withBean(OAuthTokenProvider.class, () -> tokenProvider)
			.withPropertyValues("karafka.enabled=false", "spring.kafka.properties[sasl.mechanism]=OAUTHBEARER")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OAuthTokenProviderRegistration.class);
				assertThat(consumerConfig(context)).doesNotContainKey(PROVIDER);
			});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OAuthApplication {

	}

}
