/**
 * Benchmark of record and batch listeners on a bare consumer, plain Spring Boot Kafka and
 * the starter: throughput, allocation per record and start-up time.
 */
@NullMarked
package dev.karafka.spring.bench;

import org.jspecify.annotations.NullMarked;
