package dev.karafka.spring.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Answers the HTTP exchanges of one path of a {@link ProbeEndpoint}: GET and HEAD only
 * (405 otherwise), 404 for paths that merely start like it, 500 when the endpoint fails.
 *
 * @author karafka-spring
 */
class ProbeEndpointHandler implements HttpHandler {

	private static final Log logger = LogFactory.getLog(ProbeEndpointHandler.class);

	private static final List<String> METHODS = List.of("GET", "HEAD");

	private final ProbeEndpoint endpoint;

	private final String path;

	ProbeEndpointHandler(ProbeEndpoint endpoint, String path) {
		this.endpoint = endpoint;
		this.path = path;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			ProbeResponse response = respond(exchange);
			write(exchange, response);
		}
	}

	private ProbeResponse respond(HttpExchange exchange) {
		if (!METHODS.contains(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", String.join(", ", METHODS));
			return ProbeResponse.of(405);
		}
		String rest = exchange.getRequestURI().getRawPath().substring(this.path.length());
		if (!rest.isEmpty() && !rest.startsWith("/")) {
			return ProbeResponse.of(404);
		}
		List<String> accept = exchange.getRequestHeaders().getOrDefault("Accept", List.of());
		ProbeRequest request = new ProbeRequest(this.path, segments(rest), accept,
				query(exchange.getRequestURI().getRawQuery()));
		try {
			return this.endpoint.respond(request);
		}
		catch (RuntimeException ex) {
			logger.warn("Probe endpoint " + this.path + " failed", ex);
			return ProbeResponse.of(500);
		}
	}

	private void write(HttpExchange exchange, ProbeResponse response) throws IOException {
		if (response.contentType() != null) {
			exchange.getResponseHeaders().set("Content-Type", response.contentType());
		}
		boolean withBody = response.body().length > 0 && !"HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(response.status(), withBody ? response.body().length : -1);
		if (withBody) {
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(response.body());
			}
		}
	}

	private static List<String> segments(String path) {
		return Arrays.stream(path.split("/"))
			.filter((segment) -> !segment.isEmpty())
			.map(ProbeEndpointHandler::decode)
			.toList();
	}

	private static Map<String, List<String>> query(@Nullable String query) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (query != null) {
			for (String parameter : query.split("&")) {
				int separator = parameter.indexOf('=');
				String name = decode((separator >= 0) ? parameter.substring(0, separator) : parameter);
				String value = (separator >= 0) ? decode(parameter.substring(separator + 1)) : "";
				parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
		}
		return parameters;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
