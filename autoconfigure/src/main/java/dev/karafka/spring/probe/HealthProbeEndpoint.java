package dev.karafka.spring.probe;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.ProducibleOperationArgumentResolver;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.util.Assert;

/**
 * Actuator's health endpoint and its groups ({@code /actuator/health},
 * {@code /actuator/health/liveness}, {@code /actuator/health/readiness}, ...) as Spring
 * Boot's web servers answer them: Boot's {@link HealthEndpointWebExtension} decides the
 * body, what it shows (each group's {@code show-details} and {@code show-components}, for
 * an unauthenticated caller) and the status code (each group's
 * {@code status.http-mapping}, by default UP 200, DOWN and OUT_OF_SERVICE 503), and
 * Jackson writes the body in the API version the {@code Accept} header asks for. The
 * groups' additional paths of the server's namespace ({@code server:/livez} on
 * {@code server.port}, {@code management:/livez} on {@code management.server.port}) are
 * served too.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class HealthProbeEndpoint implements ProbeEndpoint {

	private static final String APPLICATION_JSON = "application/json";

	private final String path;

	private final List<String> additionalPaths;

	private final HealthEndpointWebExtension health;

	private final WebServerNamespace serverNamespace;

	private final JsonMapper jsonMapper;

	/**
	 * Create a new instance.
	 * @param path the path of the endpoint, such as {@code /actuator/health}
	 * @param additionalPaths the additional paths of health groups, such as
	 * {@code /livez}
	 * @param health Boot's web extension of the health endpoint
	 * @param serverNamespace the server the endpoint is served on, as Boot names it
	 * @param jsonMapper the mapper that writes the body
	 */
	public HealthProbeEndpoint(String path, List<String> additionalPaths, HealthEndpointWebExtension health,
			WebServerNamespace serverNamespace, JsonMapper jsonMapper) {
		Assert.hasText(path, "'path' must not be empty");
		Assert.notNull(health, "'health' must not be null");
		Assert.notNull(serverNamespace, "'serverNamespace' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.notNull(additionalPaths, "'additionalPaths' must not be null");
		this.path = path;
		this.additionalPaths = List.copyOf(additionalPaths);
		this.health = health;
		this.serverNamespace = serverNamespace;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public List<String> getPaths() {
		List<String> paths = new ArrayList<>();
		paths.add(this.path);
		paths.addAll(this.additionalPaths);
		return paths;
	}

	@Override
	public ProbeResponse respond(ProbeRequest request) {
		ApiVersion requested = new ProducibleOperationArgumentResolver(request::accept).resolve(ApiVersion.class);
		ApiVersion apiVersion = (requested != null) ? requested : ApiVersion.LATEST;
		WebEndpointResponse<HealthDescriptor> response = this.health.health(apiVersion, this.serverNamespace,
				SecurityContext.NONE, false, healthPath(request));
		HealthDescriptor descriptor = response.getBody();
		if (descriptor == null) {
			return ProbeResponse.of(response.getStatus());
		}
		return new ProbeResponse(response.getStatus(), contentType(requested),
				this.jsonMapper.writeValueAsBytes(descriptor));
	}

	private String[] healthPath(ProbeRequest request) {
		List<String> segments = new ArrayList<>();
		if (!this.path.equals(request.path())) {
			segments.add(request.path().substring(1));
		}
		segments.addAll(request.pathSegments());
		return segments.toArray(String[]::new);
	}

	private String contentType(@Nullable ApiVersion requested) {
		return (requested != null) ? requested.getProducedMimeType().toString() : APPLICATION_JSON;
	}

}
