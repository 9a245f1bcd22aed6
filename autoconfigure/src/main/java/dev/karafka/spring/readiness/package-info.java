/**
 * Readiness of Kafka applications: a cached, time-bounded check of the Kafka cluster and
 * the authentication and authorization retries of listener containers.
 */
@NullMarked
package dev.karafka.spring.readiness;

import org.jspecify.annotations.NullMarked;
