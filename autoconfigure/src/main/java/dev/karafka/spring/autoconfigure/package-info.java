/**
 * Auto-configuration that binds {@code karafka.*} settings to Spring Boot's Kafka
 * support.
 */
@NullMarked
package dev.karafka.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
