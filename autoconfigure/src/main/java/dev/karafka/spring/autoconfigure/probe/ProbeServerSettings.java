package dev.karafka.spring.autoconfigure.probe;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the probe server listens and serves, read from the settings of Spring Boot's web
 * servers so that one Kubernetes manifest fits web and worker applications:
 * {@code management.server.port} (with {@code management.server.address} and
 * {@code management.server.base-path}) when set, else {@code server.port} (8080 by
 * default) and {@code server.address}; endpoints under
 * {@code management.endpoints.web.base-path} with their
 * {@code management.endpoints.web.path-mapping}. Read property by property: Boot's
 * {@code ManagementServerProperties} needs the web server module.
 *
 * @param address the address to listen on, {@code null} for all
 * @param port the port, 0 for any free port, negative for no server
 * @param portProperty the property the port comes from
 * @param serverNamespace the server Boot would serve the endpoints on
 * @param endpointsPath the path the endpoints are under
 * @param web the web endpoint settings
 * @author karafka-spring
 */
record ProbeServerSettings(@Nullable InetAddress address, int port, String portProperty,
		WebServerNamespace serverNamespace, String endpointsPath, WebEndpointProperties web) {

	private static final String SERVER_PORT = "server.port";

	private static final String MANAGEMENT_PORT = "management.server.port";

	private static final int DEFAULT_PORT = 8080;

	static ProbeServerSettings of(Environment environment) {
		Binder binder = Binder.get(environment);
		WebEndpointProperties web = binder.bindOrCreate("management.endpoints.web", WebEndpointProperties.class);
		InetAddress serverAddress = binder.bind("server.address", InetAddress.class).orElse(null);
		Integer managementPort = binder.bind(MANAGEMENT_PORT, Integer.class).orElse(null);
		if (managementPort != null) {
			InetAddress address = binder.bind("management.server.address", InetAddress.class).orElse(serverAddress);
			String basePath = StringUtils
				.trimTrailingCharacter(binder.bind("management.server.base-path", String.class).orElse(""), '/');
			return new ProbeServerSettings(address, managementPort, MANAGEMENT_PORT, WebServerNamespace.MANAGEMENT,
					basePath + web.getBasePath(), web);
		}
		int port = binder.bind(SERVER_PORT, Integer.class).orElse(DEFAULT_PORT);
		return new ProbeServerSettings(serverAddress, port, SERVER_PORT, WebServerNamespace.SERVER, web.getBasePath(),
				web);
	}

	/**
	 * Return the path of an endpoint.
	 * @param endpointId the endpoint's id, such as {@code health}
	 * @return the path, such as {@code /actuator/health}
	 */
	String endpointPath(String endpointId) {
		String path = this.web.getPathMapping().getOrDefault(endpointId, endpointId);
		return this.endpointsPath + "/" + (path.startsWith("/") ? path.substring(1) : path);
	}

}
