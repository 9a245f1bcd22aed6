package dev.karafka.spring.connection;

import java.util.List;

/**
 * Thrown when a setting or environment variable cannot be used. The message names the
 * setting, says what is wrong and how to fix it, and never contains the setting's value
 * when that value may be secret. Other settings that the same check found invalid are
 * attached as {@linkplain #getSuppressed() suppressed} exceptions of this type, so that
 * one start-up report names them all.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class InvalidSettingException extends RuntimeException {

	private final String setting;

	private final String problem;

	private final String action;

	/**
	 * Create a new instance.
	 * @param setting the name of the setting or environment variable at fault
	 * @param problem what is wrong with it, without secret values
	 * @param action how to fix it
	 */
	public InvalidSettingException(String setting, String problem, String action) {
		this(setting, problem, action, null);
	}

	/**
	 * Create a new instance.
	 * @param setting the name of the setting or environment variable at fault
	 * @param problem what is wrong with it, without secret values
	 * @param action how to fix it
	 * @param cause the underlying failure, whose message must not contain secret values
	 */
	public InvalidSettingException(String setting, String problem, String action, Throwable cause) {
		super("Invalid setting '" + setting + "': " + problem, cause);
		this.setting = setting;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Throw the first of the given failures with the others attached as suppressed
	 * exceptions; do nothing when there is none.
	 * @param failures the failures of one check, in the order the settings were read
	 * @throws InvalidSettingException the first failure, when there is one
	 */
	public static void throwAll(List<InvalidSettingException> failures) {
		if (failures.isEmpty()) {
			return;
		}
		InvalidSettingException first = failures.get(0);
		failures.subList(1, failures.size()).forEach(first::addSuppressed);
		throw first;
	}

	/**
	 * Return the name of the setting or environment variable at fault.
	 * @return the setting name
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * Return what is wrong with the setting.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * Return how to fix the setting.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
