package io.vazao.functions.work;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Faults for the chaos suite, off unless configured: a message whose id starts with the given
 * prefix halts the JVM ({@code Runtime.halt}, as an out-of-memory kill would end it) or makes the
 * function throw an {@link Error}. Nothing else in the worker changes with them.
 */
@ConfigMapping(prefix = "vazao.fault")
public interface FaultInjection {

    /** Ids starting with this halt the worker's JVM on every delivery. */
    Optional<String> haltIdPrefix();

    /** Ids starting with this make the function throw an Error. */
    Optional<String> errorIdPrefix();

    /** Applies the configured fault to the message {@code id}, if any. */
    static void apply(FaultInjection faults, String id) {
        if (faults == null || id == null) {
            return;
        }
        if (faults.haltIdPrefix().filter(id::startsWith).isPresent()) {
            Runtime.getRuntime().halt(137);
        }
        if (faults.errorIdPrefix().filter(id::startsWith).isPresent()) {
            throw new InjectedError("injected Error for " + id);
        }
    }

    /** The Error the switch throws. */
    final class InjectedError extends Error {
        public InjectedError(String message) {
            super(message, null, false, false);
        }
    }
}
