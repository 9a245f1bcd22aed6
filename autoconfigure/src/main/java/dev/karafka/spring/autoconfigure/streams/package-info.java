/**
 * Auto-configuration for Kafka Streams.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.streams;

import org.jspecify.annotations.NullMarked;
