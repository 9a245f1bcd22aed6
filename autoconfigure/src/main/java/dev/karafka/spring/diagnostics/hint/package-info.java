/**
 * Runtime hints: the causes of Karafka's troubleshooting lists, detected from real Kafka
 * client errors, each with its fix in the application's terms.
 */
@NullMarked
package dev.karafka.spring.diagnostics.hint;

import org.jspecify.annotations.NullMarked;
