/**
 * Supervised mode, as Karafka's swarm mode: a supervisor that restarts misbehaving
 * listener containers inside the process, and the liveness that reports whether it is in
 * control.
 */
@NullMarked
package dev.karafka.spring.supervision;

import org.jspecify.annotations.NullMarked;
