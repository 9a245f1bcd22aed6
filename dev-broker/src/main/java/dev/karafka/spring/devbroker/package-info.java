/**
 * Auto-configuration for an in-process Kafka broker used when no cluster is configured.
 */
package dev.karafka.spring.devbroker;
