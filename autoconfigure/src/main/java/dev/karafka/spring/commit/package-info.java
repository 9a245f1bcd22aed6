/**
 * Offset commits as Karafka makes them: only offsets of processed records, in the
 * background while consuming, and synchronously when partitions are revoked or the
 * consumer stops.
 */
@NullMarked
package dev.karafka.spring.commit;

import org.jspecify.annotations.NullMarked;
