package dev.karafka.spring.autoconfigure.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.karafka.spring.probe.HealthProbeEndpoint;
import dev.karafka.spring.probe.ProbeServer;
import dev.karafka.spring.probe.PrometheusProbeEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KarafkaProbeServerAutoConfiguration}. The probe servers of these
 * contexts listen on a random port and are asked over real HTTP.
 *
 * @author karafka-spring
 */
class KarafkaProbeServerAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(JacksonAutoConfiguration.class,
			JacksonEndpointAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
			HealthEndpointAutoConfiguration.class, KarafkaProbeServerAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("server.port=0");

	@Test
	void applicationWithoutWebServerServesHealthOnServerPort() {
		this.contextRunner.run((context) -> {
			ProbeServer server = context.getBean(ProbeServer.class);
			assertThat(server.isRunning()).isTrue();
			assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class))
				.isEqualTo(server.getPort());
			HttpResponse<String> health = get(server, "/actuator/health", "*/*");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
			assertThat(health.headers().firstValue("Content-Type"))
				.hasValue("application/vnd.spring-boot.actuator.v3+json");
			assertThat(get(server, "/actuator/health", "application/json").headers().firstValue("Content-Type"))
				.hasValue("application/json");
			assertThat(get(server, "/actuator/healthz", "*/*").statusCode()).isEqualTo(404);
		});
	}

	@Test
	void managementPortIsPublishedAsLocalManagementPort() {
		this.contextRunner.withPropertyValues("management.server.port=0").run((context) -> {
			ProbeServer server = context.getBean(ProbeServer.class);
			assertThat(context.getEnvironment().getProperty("local.management.port", Integer.class))
				.isEqualTo(server.getPort());
			assertThat(context.getEnvironment().getProperty("local.server.port")).isNull();
		});
	}

	@Test
	void addressIsServerAddressOrManagementServerAddress() {
		this.contextRunner.withPropertyValues("server.address=127.0.0.1").run((context) -> {
			ProbeServerSettings settings = ProbeServerSettings.of(context.getEnvironment());
			assertThat(settings.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
			assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(200);
		});
		this.contextRunner
			.withPropertyValues("server.address=192.0.2.1", "management.server.port=0",
					"management.server.address=127.0.0.1")
			.run((context) -> assertThat(ProbeServerSettings.of(context.getEnvironment()).address())
				.isEqualTo(InetAddress.getByName("127.0.0.1")));
	}

	@Test
	void downAndOutOfServiceAreServiceUnavailableUnlessTheStatusMappingSaysOtherwise() {
		ApplicationContextRunner down = this.contextRunner.withBean("broken", HealthIndicator.class,
				() -> () -> Health.down().withDetail("reason", "broken").build());
		down.run((context) -> assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(503));
		this.contextRunner.withBean("maintenance", HealthIndicator.class, () -> () -> Health.outOfService().build())
			.run((context) -> assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(503));
		down.withPropertyValues("management.endpoint.health.status.http-mapping.down=500")
			.run((context) -> assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(500));
	}

	@Test
	void detailsFollowShowDetailsForAnUnauthenticatedCaller() {
		ApplicationContextRunner down = this.contextRunner.withBean("broken", HealthIndicator.class,
				() -> () -> Health.down().withDetail("reason", "broken").build());
		down.run((context) -> assertThat(get(context, "/actuator/health").body()).isEqualTo("{\"status\":\"DOWN\"}"));
		down.withPropertyValues("management.endpoint.health.show-details=when-authorized")
			.run((context) -> assertThat(get(context, "/actuator/health").body()).isEqualTo("{\"status\":\"DOWN\"}"));
		down.withPropertyValues("management.endpoint.health.show-details=always")
			.run((context) -> assertThat(get(context, "/actuator/health/broken").body())
				.isEqualTo("{\"details\":{\"reason\":\"broken\"},\"status\":\"DOWN\"}"));
	}

	@Test
	void groupsAreServedWithTheirOwnSettings() {
		this.contextRunner.withBean("broken", HealthIndicator.class, () -> () -> Health.down().build())
			.withBean("fine", HealthIndicator.class, () -> () -> Health.up().build())
			.withPropertyValues("management.endpoint.health.group.live.include=fine",
					"management.endpoint.health.group.live.show-components=always")
			.run((context) -> {
				HttpResponse<String> live = get(context, "/actuator/health/live");
				assertThat(live.statusCode()).isEqualTo(200);
				assertThat(live.body()).isEqualTo("{\"components\":{\"fine\":{\"status\":\"UP\"}},\"status\":\"UP\"}");
				assertThat(get(context, "/actuator/health").statusCode()).isEqualTo(503);
				assertThat(get(context, "/actuator/health/unknown").statusCode()).isEqualTo(404);
			});
	}

	@Test
	void additionalPathsOfTheServersNamespaceAreServed() {
		ApplicationContextRunner withGroups = this.contextRunner
			.withBean("broken", HealthIndicator.class, () -> () -> Health.down().build())
			.withBean("fine", HealthIndicator.class, () -> () -> Health.up().build())
			.withPropertyValues("management.endpoint.health.group.live.include=fine",
					"management.endpoint.health.group.live.show-components=always",
					"management.endpoint.health.group.live.additional-path=server:/livez",
					"management.endpoint.health.group.ready.include=broken",
					"management.endpoint.health.group.ready.additional-path=management:/readyz");
		withGroups.run((context) -> {
			assertThat(get(context, "/livez").statusCode()).isEqualTo(200);
			assertThat(get(context, "/livez/fine").body()).isEqualTo("{\"status\":\"UP\"}");
			assertThat(get(context, "/actuator/health/live").statusCode()).isEqualTo(200);
			assertThat(get(context, "/readyz").statusCode()).isEqualTo(404);
		});
		withGroups.withPropertyValues("management.server.port=0").run((context) -> {
			assertThat(get(context, "/readyz").statusCode()).isEqualTo(503);
			assertThat(get(context, "/livez").statusCode()).isEqualTo(404);
		});
	}

	@Test
	void endpointPathsFollowBasePathsAndPathMapping() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.base-path=/ops",
					"management.endpoints.web.path-mapping.health=status")
			.run((context) -> {
				assertThat(context.getBean(HealthProbeEndpoint.class).getPaths()).containsExactly("/ops/status");
				assertThat(get(context, "/ops/status").statusCode()).isEqualTo(200);
			});
		this.contextRunner
			.withPropertyValues("management.server.port=0", "management.server.base-path=/management/",
					"management.endpoints.web.base-path=/")
			.run((context) -> assertThat(context.getBean(HealthProbeEndpoint.class).getPaths())
				.containsExactly("/management/health"));
	}

	@Test
	void prometheusIsServedWhenItsEndpointIsExposed() {
		ApplicationContextRunner withMetrics = this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class));
		withMetrics.run((context) -> assertThat(context).doesNotHaveBean(PrometheusProbeEndpoint.class));
		withMetrics.withPropertyValues("management.endpoints.web.exposure.include=health,prometheus").run((context) -> {
			assertThat(context).hasSingleBean(PrometheusProbeEndpoint.class);
			HttpResponse<String> prometheus = get(context, "/actuator/prometheus");
			assertThat(prometheus.statusCode()).isEqualTo(200);
			assertThat(prometheus.headers().firstValue("Content-Type"))
				.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/plain;version=0.0.4"));
		});
	}

	@Test
	void webApplicationKeepsItsOwnServer() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeServer.class));
	}

	@Test
	void processStartedWithServerDisabledGetsNoProbeServer() {
		this.contextRunner.withPropertyValues("karafka.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeServer.class));
	}

	@Test
	void probesCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("karafka.probes.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeServer.class));
	}

	@Test
	void negativeManagementPortMeansNoHttpServer() {
		this.contextRunner.withPropertyValues("management.server.port=-1")
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeServer.class));
	}

	@Test
	void healthEndpointExposedOverJmxOnlyGetsNoProbeServer() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=health",
					"management.endpoints.web.exposure.exclude=health")
			.run((context) -> assertThat(context).hasSingleBean(HealthEndpoint.class)
				.doesNotHaveBean(ProbeServer.class));
	}

	@Test
	void healthEndpointWithoutAccessGetsNoProbeServer() {
		this.contextRunner.withPropertyValues("management.endpoint.health.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeServer.class));
	}

	private static HttpResponse<String> get(AssertableApplicationContext context, String path) {
		return get(context.getBean(ProbeServer.class), path, "*/*");
	}

	private static HttpResponse<String> get(ProbeServer server, String path, String accept) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
					.header("Accept", accept)
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
