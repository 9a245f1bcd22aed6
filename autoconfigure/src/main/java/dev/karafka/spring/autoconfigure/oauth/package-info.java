/**
 * Auto-configuration for OAUTHBEARER token providers.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.oauth;

import org.jspecify.annotations.NullMarked;
