package io.vazao.policy.api;

import io.vazao.policy.store.Versioned;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Read, change, write back only if nobody wrote in between (the store's compare-and-set). With
 * If-Match, a concurrent write makes it a 412: the client's version is gone. Without, the change is
 * applied again to the newer value, so a pause and a PATCH racing each other both take effect.
 */
public final class ConditionalUpdate {

    static final int MAX_ATTEMPTS = 8;

    private ConditionalUpdate() {}

    /**
     * @param read the current value and its version (throws when there is nothing to update)
     * @param change the new value from the current one (throws on invalid input)
     * @param writeIf writes when the stored version is still the given one: the new version, or
     *     empty
     */
    public static <T> Versioned<T> apply(
            String ifMatch,
            Supplier<Versioned<T>> read,
            UnaryOperator<T> change,
            BiFunction<String, T, Optional<String>> writeIf) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Versioned<T> current = read.get();
            if (!IfMatch.permits(ifMatch, current.tag())) {
                throw IfMatch.stale();
            }
            T updated = change.apply(current.value());
            Optional<String> tag = writeIf.apply(current.tag(), updated);
            if (tag.isPresent()) {
                return new Versioned<>(updated, tag.get());
            }
            if (ifMatch != null) {
                throw IfMatch.stale();
            }
        }
        throw new ApiException(
                409,
                "conflict",
                List.of(
                        new Violation(
                                "body",
                                "changed by others "
                                        + MAX_ATTEMPTS
                                        + " times while being applied; try again")));
    }
}
