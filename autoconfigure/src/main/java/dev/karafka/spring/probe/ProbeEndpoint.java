package dev.karafka.spring.probe;

/**
 * An Actuator endpoint served by the {@link ProbeServer}, answering GET and HEAD requests
 * to its path and to the paths below it.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public interface ProbeEndpoint {

	/**
	 * Return the path of the endpoint, such as {@code /actuator/health}.
	 * @return the path, starting with {@code /}
	 */
	String getPath();

	/**
	 * Answer a request. Called on a thread of the probe server, never on a consumer
	 * thread.
	 * @param request the request
	 * @return the response
	 */
	ProbeResponse respond(ProbeRequest request);

}
