/**
 * Auto-configuration for the health and metrics of the dead-letter queue.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.deadletter;

import org.jspecify.annotations.NullMarked;
