/**
 * Diagnostics of Kafka applications: the {@code karafka} Actuator endpoint and the
 * cluster-info command.
 */
@NullMarked
package dev.karafka.spring.diagnostics;

import org.jspecify.annotations.NullMarked;
