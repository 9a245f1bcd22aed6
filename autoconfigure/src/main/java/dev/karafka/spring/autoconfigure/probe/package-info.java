/**
 * Auto-configuration for the probe server of applications that run no web server.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.probe;

import org.jspecify.annotations.NullMarked;
