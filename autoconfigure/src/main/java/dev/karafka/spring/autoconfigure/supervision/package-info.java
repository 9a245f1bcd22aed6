/**
 * Auto-configuration for supervised mode.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.supervision;

import org.jspecify.annotations.NullMarked;
