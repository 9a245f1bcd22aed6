/**
 * Auto-configuration for KarafkaAdmin.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.admin;

import org.jspecify.annotations.NullMarked;
