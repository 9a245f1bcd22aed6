/**
 * A real in-process Apache Kafka broker with secured listeners, for tests and local runs.
 */
@NullMarked
package dev.karafka.spring.test.broker;

import org.jspecify.annotations.NullMarked;
