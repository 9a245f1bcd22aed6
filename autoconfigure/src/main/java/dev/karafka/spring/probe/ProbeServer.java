package dev.karafka.spring.probe;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.EnvironmentAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * A small HTTP server for the {@link ProbeEndpoint probe endpoints} of an application
 * that runs no web server, as Karafka's liveness listener runs its own: the JDK's
 * {@link HttpServer} with a bounded pool of {@value #THREADS} threads and at most
 * {@value #QUEUED_REQUESTS} waiting requests (beyond them a connection is closed
 * unanswered), so probes never run on a consumer thread.
 * <p>
 * Its threads are daemon threads: it never keeps a JVM alive, the consumers do. It starts
 * before the listener containers and stops after them ({@link #DEFAULT_PHASE}, the phase
 * of Spring Boot's web servers), so a pod answers probes while its consumers finish their
 * records on shutdown. Once started, the port it listens on is published as
 * {@code local.server.port} or {@code local.management.port}, as Spring Boot's web
 * servers do.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ProbeServer implements SmartLifecycle, EnvironmentAware {

	/**
	 * The phase of the probe server: that of Spring Boot's web servers.
	 */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private static final int THREADS = 4;

	private static final int QUEUED_REQUESTS = 64;

	private static final String MANAGEMENT_PORT_PROPERTY = "management.server.port";

	private static final Log logger = LogFactory.getLog(ProbeServer.class);

	private final @Nullable InetAddress address;

	private final int port;

	private final String portProperty;

	private final List<ProbeEndpoint> endpoints;

	private @Nullable Environment environment;

	private volatile @Nullable HttpServer server;

	private @Nullable ThreadPoolExecutor executor;

	/**
	 * Create a new instance.
	 * @param address the address to listen on, {@code null} for all addresses
	 * @param port the port to listen on, 0 for any free port
	 * @param portProperty the property the port comes from, for reports
	 * @param endpoints the endpoints to serve
	 */
	public ProbeServer(@Nullable InetAddress address, int port, String portProperty, List<ProbeEndpoint> endpoints) {
		Assert.isTrue(port >= 0, "'port' must not be negative");
		Assert.hasText(portProperty, "'portProperty' must not be empty");
		Assert.notNull(endpoints, "'endpoints' must not be null");
		this.address = address;
		this.port = port;
		this.portProperty = portProperty;
		this.endpoints = List.copyOf(endpoints);
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void start() {
		if (this.server != null) {
			return;
		}
		HttpServer server = bind();
		for (ProbeEndpoint endpoint : this.endpoints) {
			for (String path : endpoint.getPaths()) {
				server.createContext(path, new ProbeEndpointHandler(endpoint, path));
			}
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("karafka-probe-");
		threads.setDaemon(true);
		ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(QUEUED_REQUESTS), threads);
		server.setExecutor(executor);
		startOnDaemonThread(server);
		this.executor = executor;
		this.server = server;
		publishLocalPort(getPort());
		logger.info("Probe server started on port " + getPort() + " (" + this.portProperty + ") serving " + String
			.join(", ", this.endpoints.stream().flatMap((endpoint) -> endpoint.getPaths().stream()).toList()));
	}

	private HttpServer bind() {
		try {
			return HttpServer.create(new InetSocketAddress(this.address, this.port), 0);
		}
		catch (BindException ex) {
			if (isPortInUse(ex)) {
				throw new ProbeServerPortInUseException(this.port, this.portProperty, ex);
			}
			throw new IllegalStateException("Probe server failed to listen on " + describeAddress(), ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Probe server failed to listen on " + describeAddress(), ex);
		}
	}

	/**
	 * Start the server from a daemon thread, whose daemon status the server's dispatcher
	 * thread inherits: the probe server never keeps a JVM alive, its consumers do.
	 * @param server the server to start
	 */
	private static void startOnDaemonThread(HttpServer server) {
		Thread starter = new Thread(server::start, "karafka-probe-start");
		starter.setDaemon(true);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			server.stop(0);
			throw new IllegalStateException("Interrupted while starting the probe server", ex);
		}
	}

	private boolean isPortInUse(BindException ex) {
		String message = ex.getMessage();
		return message != null && message.toLowerCase(Locale.ROOT).contains("in use");
	}

	private String describeAddress() {
		return ((this.address != null) ? this.address.getHostAddress() : "*") + ":" + this.port + " ("
				+ this.portProperty + ")";
	}

	private void publishLocalPort(int port) {
		if (this.environment instanceof ConfigurableEnvironment environment) {
			String name = MANAGEMENT_PORT_PROPERTY.equals(this.portProperty) ? "local.management.port"
					: "local.server.port";
			PropertySource<?> source = environment.getPropertySources().get("server.ports");
			if (source instanceof MapPropertySource ports) {
				ports.getSource().put(name, port);
			}
			else {
				environment.getPropertySources()
					.addFirst(new MapPropertySource("server.ports", new LinkedHashMap<>(Map.of(name, port))));
			}
		}
	}

	@Override
	public void stop() {
		HttpServer server = this.server;
		if (server == null) {
			return;
		}
		this.server = null;
		server.stop(0);
		ThreadPoolExecutor executor = this.executor;
		if (executor != null) {
			executor.shutdownNow();
		}
		logger.info("Probe server stopped");
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

	/**
	 * Return the port the server listens on.
	 * @return the port, or -1 when the server is not running
	 */
	public int getPort() {
		HttpServer server = this.server;
		return (server != null) ? server.getAddress().getPort() : -1;
	}

}
