/**
 * Auto-configuration that checks the names of {@code karafka.*} settings at start-up.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.settings;

import org.jspecify.annotations.NullMarked;
