package dev.karafka.spring.devbroker;

/**
 * Thrown when the development broker would start although the application configures a
 * security protocol other than {@code PLAINTEXT}, which the development broker does not
 * serve: the settings are meant for a real cluster whose bootstrap servers are missing.
 */
class DevBrokerSecurityProtocolException extends IllegalStateException {

	private final String setting;

	private final String protocol;

	DevBrokerSecurityProtocolException(String setting, String protocol) {
		super("'" + setting + "' is " + protocol + " but no bootstrap servers are configured");
		this.setting = setting;
		this.protocol = protocol;
	}

	String getSetting() {
		return this.setting;
	}

	String getProtocol() {
		return this.protocol;
	}

}
