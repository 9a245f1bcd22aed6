/**
 * OAUTHBEARER tokens from application beans: the token provider API and the Kafka login
 * callback handler that calls it.
 */
@NullMarked
package dev.karafka.spring.oauth;

import org.jspecify.annotations.NullMarked;
