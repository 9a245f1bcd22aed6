package dev.karafka.spring.devbroker;

/**
 * Thrown when the development broker would start on a deployment platform (Kubernetes,
 * Heroku) without being asked to: a deployed application without bootstrap servers has
 * lost its cluster settings, and an in-process broker would take its records.
 */
class DevBrokerOnPlatformException extends IllegalStateException {

	private final String variable;

	private final String platform;

	DevBrokerOnPlatformException(String variable, String platform) {
		super("No bootstrap servers are configured on " + platform + " (" + variable + " is set)");
		this.variable = variable;
		this.platform = platform;
	}

	String getVariable() {
		return this.variable;
	}

	String getPlatform() {
		return this.platform;
	}

}
