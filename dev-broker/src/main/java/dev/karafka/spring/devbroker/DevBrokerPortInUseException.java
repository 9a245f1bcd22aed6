package dev.karafka.spring.devbroker;

/**
 * Thrown when the development broker cannot listen on its port because another process
 * already does.
 */
class DevBrokerPortInUseException extends IllegalStateException {

	private final int port;

	DevBrokerPortInUseException(int port, Throwable cause) {
		super("Port " + port + " of the Kafka development broker is already in use", cause);
		this.port = port;
	}

	int getPort() {
		return this.port;
	}

}
