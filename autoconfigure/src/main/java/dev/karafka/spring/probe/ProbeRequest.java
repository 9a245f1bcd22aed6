package dev.karafka.spring.probe;

import java.util.List;
import java.util.Map;

/**
 * A GET or HEAD request to a {@link ProbeEndpoint}.
 *
 * @param path the one of the endpoint's paths that the request is for
 * @param pathSegments the decoded path segments after that path, empty for the path
 * itself
 * @param accept the values of the {@code Accept} headers, empty when there is none
 * @param query the decoded query parameters, each with its values in request order
 * @author karafka-spring
 * @since 0.1.0
 */
public record ProbeRequest(String path, List<String> pathSegments, List<String> accept,
		Map<String, List<String>> query) {

}
