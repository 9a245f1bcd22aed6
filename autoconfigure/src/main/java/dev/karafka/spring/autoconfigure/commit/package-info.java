/**
 * Auto-configuration for Karafka's offset-commit model.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.commit;

import org.jspecify.annotations.NullMarked;
