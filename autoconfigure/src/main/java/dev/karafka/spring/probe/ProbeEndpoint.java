package dev.karafka.spring.probe;

import java.util.List;

/**
 * An Actuator endpoint served by the {@link ProbeServer}, answering GET and HEAD requests
 * to its paths and to the paths below them.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public interface ProbeEndpoint {

	/**
	 * Return the paths of the endpoint, such as {@code /actuator/health}.
	 * @return the paths, each starting with {@code /}
	 */
	List<String> getPaths();

	/**
	 * Answer a request. Called on a thread of the probe server, never on a consumer
	 * thread.
	 * @param request the request
	 * @return the response
	 */
	ProbeResponse respond(ProbeRequest request);

}
