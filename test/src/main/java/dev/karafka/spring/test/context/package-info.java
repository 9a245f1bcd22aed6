/**
 * Spring test support that connects an application under test to the in-process Kafka
 * test broker.
 */
@NullMarked
package dev.karafka.spring.test.context;

import org.jspecify.annotations.NullMarked;
