/**
 * Karafka's processing settings for listener containers: concurrency, polling, back-off
 * and dead-letter queue, globally and per topic.
 */
@NullMarked
package dev.karafka.spring.processing;

import org.jspecify.annotations.NullMarked;
