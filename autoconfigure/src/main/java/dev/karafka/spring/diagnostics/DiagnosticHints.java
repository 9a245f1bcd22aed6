package dev.karafka.spring.diagnostics;

import java.util.Map;

/**
 * Source of the hints that the {@code karafka} endpoint shows: the causes detected from
 * real client errors and what to change for each. Every bean of this type contributes.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
@FunctionalInterface
public interface DiagnosticHints {

	/**
	 * Return the active hints.
	 * @return the hints, keyed by cause; empty when none is active
	 */
	Map<String, String> activeHints();

}
