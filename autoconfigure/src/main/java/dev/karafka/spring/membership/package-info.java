/**
 * Consumer group membership: static membership ids of listener containers.
 */
@NullMarked
package dev.karafka.spring.membership;

import org.jspecify.annotations.NullMarked;
