package dev.karafka.spring.probe;

import java.util.List;

import dev.karafka.spring.diagnostics.KarafkaEndpoint;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.Assert;

/**
 * The starter's {@link KarafkaEndpoint} ({@code /actuator/karafka}) on the probe server,
 * so that workers without a web server can show what the application sees. The request
 * carries no principal, so values are shown as
 * {@code management.endpoint.karafka.show-values} allows unauthenticated callers (masked
 * unless it is {@code always}).
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class KarafkaProbeEndpoint implements ProbeEndpoint {

	private static final String APPLICATION_JSON = "application/json";

	private final String path;

	private final KarafkaEndpoint endpoint;

	private final JsonMapper jsonMapper;

	/**
	 * Create a new instance.
	 * @param path the path of the endpoint, such as {@code /actuator/karafka}
	 * @param endpoint the endpoint
	 * @param jsonMapper the mapper that writes the body
	 */
	public KarafkaProbeEndpoint(String path, KarafkaEndpoint endpoint, JsonMapper jsonMapper) {
		Assert.hasText(path, "'path' must not be empty");
		Assert.notNull(endpoint, "'endpoint' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.path = path;
		this.endpoint = endpoint;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public List<String> getPaths() {
		return List.of(this.path);
	}

	@Override
	public ProbeResponse respond(ProbeRequest request) {
		if (!request.pathSegments().isEmpty()) {
			return ProbeResponse.of(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new ProbeResponse(WebEndpointResponse.STATUS_OK, APPLICATION_JSON,
				this.jsonMapper.writeValueAsBytes(this.endpoint.karafka(SecurityContext.NONE)));
	}

}
