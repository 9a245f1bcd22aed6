/**
 * Auto-configuration for static group membership.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.membership;

import org.jspecify.annotations.NullMarked;
