package dev.karafka.spring.probe;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.ProducibleOperationArgumentResolver;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;

/**
 * Actuator's Prometheus scrape endpoint ({@code /actuator/prometheus}) as Spring Boot's
 * web servers answer it: Boot's {@link PrometheusScrapeEndpoint} writes the format the
 * {@code Accept} header asks for (Prometheus text by default, OpenMetrics, protobuf),
 * limited to the metric names of the {@code includedNames} parameter when given.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class PrometheusProbeEndpoint implements ProbeEndpoint {

	private static final String INCLUDED_NAMES = "includedNames";

	private final String path;

	private final PrometheusScrapeEndpoint prometheus;

	/**
	 * Create a new instance.
	 * @param path the path of the endpoint, such as {@code /actuator/prometheus}
	 * @param prometheus Boot's Prometheus scrape endpoint
	 */
	public PrometheusProbeEndpoint(String path, PrometheusScrapeEndpoint prometheus) {
		Assert.hasText(path, "'path' must not be empty");
		Assert.notNull(prometheus, "'prometheus' must not be null");
		this.path = path;
		this.prometheus = prometheus;
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
		PrometheusOutputFormat requested = new ProducibleOperationArgumentResolver(request::accept)
			.resolve(PrometheusOutputFormat.class);
		PrometheusOutputFormat format = (requested != null) ? requested : PrometheusOutputFormat.CONTENT_TYPE_004;
		WebEndpointResponse<byte[]> response = this.prometheus.scrape(format,
				includedNames(request.query().get(INCLUDED_NAMES)));
		MimeType contentType = response.getContentType();
		byte[] body = response.getBody();
		return new ProbeResponse(response.getStatus(), (contentType != null) ? contentType.toString() : null,
				(body != null) ? body : new byte[0]);
	}

	private static @Nullable Set<String> includedNames(@Nullable List<String> values) {
		if (values == null) {
			return null;
		}
		Set<String> names = new LinkedHashSet<>();
		for (String value : values) {
			Arrays.stream(value.split(",")).map(String::trim).filter((name) -> !name.isEmpty()).forEach(names::add);
		}
		return names;
	}

}
