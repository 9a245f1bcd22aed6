/**
 * Karafka's dead-letter queue for listener containers: bounded diagnostic headers,
 * partition mapping, failed dispatches made visible, and their health and metrics.
 */
@NullMarked
package dev.karafka.spring.deadletter;

import org.jspecify.annotations.NullMarked;
