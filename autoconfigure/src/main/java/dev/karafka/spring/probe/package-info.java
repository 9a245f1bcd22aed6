/**
 * Probe server: Actuator's health groups and Prometheus scrape on a small HTTP server of
 * their own, for applications that run no web server.
 */
@NullMarked
package dev.karafka.spring.probe;

import org.jspecify.annotations.NullMarked;
