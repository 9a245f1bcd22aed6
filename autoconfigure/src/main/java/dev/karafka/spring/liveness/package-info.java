/**
 * Liveness of Kafka consumer threads: per-thread polling and consuming stamps, and the
 * health contributor and metrics built on them.
 */
@NullMarked
package dev.karafka.spring.liveness;

import org.jspecify.annotations.NullMarked;
