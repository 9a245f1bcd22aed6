/**
 * Record of what the users events service processed, for the process-level tests of the
 * {@code reliability} module; off unless {@code sample.recording.file} is set.
 */
package dev.karafka.spring.sample.recording;
