/**
 * Auto-configuration for Kafka liveness and readiness health contributors and their
 * health groups.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
