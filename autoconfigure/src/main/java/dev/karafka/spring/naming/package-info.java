/**
 * One prefix applied to every topic, consumer group and transactional id, as Heroku's
 * multi-tenant Kafka requires.
 */
@NullMarked
package dev.karafka.spring.naming;

import org.jspecify.annotations.NullMarked;
