package dev.karafka.spring.probe;

/**
 * Thrown when the {@link ProbeServer} cannot listen on its port because another process
 * already does.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class ProbeServerPortInUseException extends IllegalStateException {

	private final int port;

	private final String portProperty;

	/**
	 * Create a new instance.
	 * @param port the port in use
	 * @param portProperty the property the port comes from, such as {@code server.port}
	 * @param cause the failure to bind
	 */
	public ProbeServerPortInUseException(int port, String portProperty, Throwable cause) {
		super("Port " + port + " (" + portProperty + ") of the probe server is already in use", cause);
		this.port = port;
		this.portProperty = portProperty;
	}

	/**
	 * Return the port in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the property the port comes from.
	 * @return the property, such as {@code server.port} or {@code management.server.port}
	 */
	public String getPortProperty() {
		return this.portProperty;
	}

}
