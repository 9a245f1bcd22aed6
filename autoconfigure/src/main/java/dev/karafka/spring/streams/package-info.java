/**
 * Kafka Streams applications with the starter's connection settings.
 */
@NullMarked
package dev.karafka.spring.streams;

import org.jspecify.annotations.NullMarked;
