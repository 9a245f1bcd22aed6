/**
 * Users events service from Karafka's deployment guide, running on the karafka-spring
 * starter.
 */
package dev.karafka.spring.sample;
