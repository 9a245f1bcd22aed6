package dev.karafka.spring.autoconfigure.diagnostics;

import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaAutoConfiguration;
import dev.karafka.spring.diagnostics.CachedClusterSnapshot;
import dev.karafka.spring.diagnostics.ClusterInfoCommand;
import dev.karafka.spring.diagnostics.ClusterInspector;
import dev.karafka.spring.diagnostics.DiagnosticHints;
import dev.karafka.spring.diagnostics.KarafkaEndpoint;
import dev.karafka.spring.diagnostics.KarafkaEndpoint.KarafkaDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaDiagnosticsAutoConfiguration}.
 *
 * @author karafka-spring
 */
class KarafkaDiagnosticsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KarafkaAutoConfiguration.class, KafkaAutoConfiguration.class,
				SslAutoConfiguration.class, EndpointAutoConfiguration.class, KarafkaDiagnosticsAutoConfiguration.class))
		.withPropertyValues("karafka.bootstrap-servers=127.0.0.1:1", "karafka.readiness.timeout=200ms");

	@Test
	void endpointIsNotAvailableUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ClusterInspector.class)
			.doesNotHaveBean(KarafkaEndpoint.class)
			.doesNotHaveBean(CachedClusterSnapshot.class)
			.doesNotHaveBean(ClusterInfoCommand.class));
	}

	@Test
	void endpointIsAvailableWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=karafka")
			.run((context) -> assertThat(context).hasSingleBean(KarafkaEndpoint.class));
	}

	@Test
	void clientSettingsAreMaskedByEverySanitizingFunctionEvenWhenValuesAreShown() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=karafka",
					"management.endpoint.karafka.show-values=always", "karafka.kafka[security.protocol]=SASL_SSL",
					"karafka.kafka[sasl.mechanisms]=SCRAM-SHA-512", "karafka.kafka[sasl.username]=orders",
					"karafka.kafka[sasl.password]=pa55word", "spring.kafka.admin.properties[audit.note]=internal")
			.withBean("auditSanitizingFunction", SanitizingFunction.class,
					() -> SanitizingFunction.sanitizeValue().ifKeyEquals("audit.note"))
			.run((context) -> {
				KarafkaDescriptor descriptor = context.getBean(KarafkaEndpoint.class).karafka(SecurityContext.NONE);
				Map<String, Object> admin = descriptor.clients().get("admin");
				assertThat(admin).containsEntry("audit.note", "******")
					.containsEntry("sasl.jaas.config", "******")
					.containsEntry("sasl.mechanism", "SCRAM-SHA-512");
				assertThat(descriptor.clients().toString()).doesNotContain("pa55word");
				assertThat(descriptor.platform()).isEqualTo("scram");
				assertThat(String.valueOf(admin.get("bootstrap.servers"))).contains("127.0.0.1:1");
				assertThat(descriptor.cluster().available()).isFalse();
			});
	}

	@Test
	void hintsOfEveryDiagnosticHintsBeanAreShown() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=karafka")
			.withBean("authenticationHints", DiagnosticHints.class, () -> () -> Map.of("authentication", "check"))
			.withBean("prefixHints", DiagnosticHints.class, () -> () -> Map.of("prefix", "set it"))
			.run((context) -> assertThat(context.getBean(KarafkaEndpoint.class).karafka(SecurityContext.NONE).hints())
				.containsOnly(Map.entry("authentication", "check"), Map.entry("prefix", "set it")));
	}

	@Test
	void clusterInfoCommandIsConfiguredByItsProperty() {
		this.contextRunner.withPropertyValues("karafka.cluster-info=true")
			.run((context) -> assertThat(context).hasSingleBean(ClusterInfoCommand.class)
				.hasSingleBean(OneOffCommandExit.class));
	}

}
