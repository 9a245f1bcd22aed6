package dev.karafka.spring.autoconfigure.probe;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import dev.karafka.spring.autoconfigure.diagnostics.KarafkaDiagnosticsAutoConfiguration;
import dev.karafka.spring.diagnostics.KarafkaEndpoint;
import dev.karafka.spring.probe.HealthProbeEndpoint;
import dev.karafka.spring.probe.KarafkaProbeEndpoint;
import dev.karafka.spring.probe.ProbeEndpoint;
import dev.karafka.spring.probe.ProbeServer;
import dev.karafka.spring.probe.PrometheusProbeEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for the {@link ProbeServer} of applications that run no web server
 * (the usual Kafka worker): Actuator's health endpoint with its groups, the Prometheus
 * scrape endpoint when there is one, and the starter's {@code karafka} endpoint, each
 * when exposed over the web ({@code management.endpoints.web.exposure}), on
 * {@code management.server.port} or else {@code server.port}, where a web application
 * would serve them. Web applications keep their own server and get none; neither do
 * processes started with {@code karafka.server.enabled=false}.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { HealthEndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
				KarafkaDiagnosticsAutoConfiguration.class },
		afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration" })
@ConditionalOnClass({ HealthEndpoint.class, JsonMapper.class })
@ConditionalOnNotWebApplication
@ConditionalOnBean(HealthEndpoint.class)
@ConditionalOnAvailableEndpoint(endpoint = HealthEndpoint.class, exposure = EndpointExposure.WEB)
@ConditionalOnBooleanProperty(name = "karafka.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "karafka.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "karafka.probes.enabled", matchIfMissing = true)
@Conditional(OnProbeServerPortCondition.class)
@EnableConfigurationProperties(KarafkaProperties.class)
public final class KarafkaProbeServerAutoConfiguration {

	private static final Log logger = LogFactory.getLog(KarafkaProbeServerAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ProbeServer karafkaProbeServer(Environment environment, ObjectProvider<ProbeEndpoint> endpoints) {
		ProbeServerSettings settings = ProbeServerSettings.of(environment);
		List<ProbeEndpoint> served = endpoints.orderedStream().toList();
		warnAboutExposedEndpointsNotServed(environment, served);
		return new ProbeServer(settings.address(), settings.port(), settings.portProperty(), served);
	}

	/**
	 * Log one warning naming the endpoints exposed over the web that the probe server
	 * does not serve, since without a web server nothing else will.
	 */
	private static void warnAboutExposedEndpointsNotServed(Environment environment, List<ProbeEndpoint> served) {
		Set<String> servedIds = served.stream()
			.map((endpoint) -> endpoint.getPaths().get(0))
			.map((path) -> path.substring(path.lastIndexOf('/') + 1))
			.collect(Collectors.toSet());
		Set<String> notServed = new TreeSet<>(Binder.get(environment)
			.bind("management.endpoints.web.exposure.include", Bindable.setOf(String.class))
			.orElse(Set.of()));
		notServed.removeAll(servedIds);
		if (!notServed.isEmpty()) {
			logger.warn("Endpoints " + notServed + " are exposed over the web (management.endpoints.web.exposure"
					+ ".include), but this application runs no web server and its probe server serves only "
					+ servedIds.stream().sorted().toList() + "; add spring-boot-starter-webmvc to serve the others");
		}
	}

	@Bean
	@ConditionalOnMissingBean
	HealthProbeEndpoint karafkaHealthProbeEndpoint(Environment environment, HealthContributorRegistry registry,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry, HealthEndpointGroups groups,
			HealthEndpointProperties properties, ObjectProvider<EndpointJsonMapper> endpointJsonMapper,
			ObjectProvider<JsonMapper> jsonMapper) {
		ProbeServerSettings settings = ProbeServerSettings.of(environment);
		HealthEndpointWebExtension health = new HealthEndpointWebExtension(registry, reactiveRegistry.getIfAvailable(),
				groups, properties.getLogging().getSlowIndicatorThreshold());
		List<String> additionalPaths = groups.getAllWithAdditionalPath(settings.serverNamespace())
			.stream()
			.map(HealthEndpointGroup::getAdditionalPath)
			.filter(Objects::nonNull)
			.map((path) -> path.getValue().startsWith("/") ? path.getValue() : "/" + path.getValue())
			.toList();
		return new HealthProbeEndpoint(settings.endpointPath(HealthEndpoint.ID.toString()), additionalPaths, health,
				settings.serverNamespace(), endpointJsonMapper(endpointJsonMapper, jsonMapper));
	}

	@Bean
	@ConditionalOnBean(KarafkaEndpoint.class)
	@ConditionalOnAvailableEndpoint(endpoint = KarafkaEndpoint.class, exposure = EndpointExposure.WEB)
	@ConditionalOnMissingBean
	KarafkaProbeEndpoint karafkaKarafkaProbeEndpoint(Environment environment, KarafkaEndpoint karafkaEndpoint,
			ObjectProvider<EndpointJsonMapper> endpointJsonMapper, ObjectProvider<JsonMapper> jsonMapper) {
		return new KarafkaProbeEndpoint(ProbeServerSettings.of(environment).endpointPath("karafka"), karafkaEndpoint,
				endpointJsonMapper(endpointJsonMapper, jsonMapper));
	}

	private static JsonMapper endpointJsonMapper(ObjectProvider<EndpointJsonMapper> endpointJsonMapper,
			ObjectProvider<JsonMapper> jsonMapper) {
		EndpointJsonMapper endpointMapper = endpointJsonMapper.getIfAvailable();
		return (endpointMapper != null) ? endpointMapper.get() : jsonMapper.getIfAvailable(JsonMapper::new);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PrometheusScrapeEndpoint.class)
	static class PrometheusProbeConfiguration {

		@Bean
		@ConditionalOnBean(PrometheusScrapeEndpoint.class)
		@ConditionalOnAvailableEndpoint(endpoint = PrometheusScrapeEndpoint.class, exposure = EndpointExposure.WEB)
		@ConditionalOnMissingBean
		PrometheusProbeEndpoint karafkaPrometheusProbeEndpoint(Environment environment,
				PrometheusScrapeEndpoint prometheusEndpoint) {
			return new PrometheusProbeEndpoint(ProbeServerSettings.of(environment).endpointPath("prometheus"),
					prometheusEndpoint);
		}

	}

}
