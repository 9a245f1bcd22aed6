package dev.karafka.spring.probe;

import org.jspecify.annotations.Nullable;

/**
 * The response of a {@link ProbeEndpoint}: an HTTP status, and a body with its content
 * type unless there is none.
 *
 * @param status the HTTP status code
 * @param contentType the content type of the body, {@code null} without a body
 * @param body the body, empty for none
 * @author karafka-spring
 * @since 0.1.0
 */
public record ProbeResponse(int status, @Nullable String contentType, byte[] body) {

	private static final byte[] NO_BODY = new byte[0];

	/**
	 * Return a response without a body.
	 * @param status the HTTP status code
	 * @return the response
	 */
	public static ProbeResponse of(int status) {
		return new ProbeResponse(status, null, NO_BODY);
	}

}
