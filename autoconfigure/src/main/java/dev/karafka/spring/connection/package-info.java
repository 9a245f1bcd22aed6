/**
 * Kafka client connection settings: Karafka and librdkafka keys translated to the Java
 * client.
 */
@NullMarked
package dev.karafka.spring.connection;

import org.jspecify.annotations.NullMarked;
