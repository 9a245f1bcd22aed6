/**
 * Auto-configuration for AWS MSK IAM authentication.
 */
@NullMarked
package dev.karafka.spring.autoconfigure.msk;

import org.jspecify.annotations.NullMarked;
