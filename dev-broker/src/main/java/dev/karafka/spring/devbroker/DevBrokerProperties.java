package dev.karafka.spring.devbroker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * External configuration properties for the in-process Kafka development broker.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("karafka.dev-broker")
public class DevBrokerProperties {

	/**
	 * Whether to start an in-process Kafka broker when no Kafka cluster is configured.
	 * Unless set, a deployment on Kubernetes or Heroku ('KUBERNETES_SERVICE_HOST' or
	 * 'DYNO' set) fails start-up instead, since its cluster settings are missing.
	 */
	private boolean enabled = true;

	/**
	 * Port of the development broker's PLAINTEXT listener. The one-off commands (cluster
	 * info, dead-letter replay) start no broker but connect to the running application's
	 * on this port.
	 */
	private int port = 9092;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

}
