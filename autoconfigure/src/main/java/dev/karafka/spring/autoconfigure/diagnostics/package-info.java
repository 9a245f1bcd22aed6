/**
 * Auto-configuration for diagnostics: the {@code karafka} Actuator endpoint and the
 * cluster-info command.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
