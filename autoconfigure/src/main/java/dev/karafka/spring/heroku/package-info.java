/**
 * Kafka client settings from the environment of Heroku's Apache Kafka add-on.
 */
@NullMarked
package dev.karafka.spring.heroku;

import org.jspecify.annotations.NullMarked;
