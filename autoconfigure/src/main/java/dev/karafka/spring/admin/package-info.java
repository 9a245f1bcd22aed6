/**
 * Consumer-group operations and topic reading, in the names the application uses.
 */
@NullMarked
package dev.karafka.spring.admin;

import org.jspecify.annotations.NullMarked;
