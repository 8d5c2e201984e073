package io.vazao.contract;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which secrets the API refuses to run with: a value anyone can read in this repository (manifests,
 * docs, examples) and anything shorter than {@link #MIN_LENGTH} characters. A prod apply that
 * forgot to fill in its secret must fail to start, not serve an open API.
 */
public final class SecretRules {

    public static final int MIN_LENGTH = 32;

    public static final String HOW_TO_GENERATE = "generate one with: openssl rand -hex 32";

    /**
     * Every secret value committed to this repository, compared without case. This is the one list:
     * the start-up tests and docs/security.md take it from here.
     */
    public static final Set<String> SHIPPED =
            Set.of(
                    "replace_me",
                    "dev-only-token",
                    "dev-only-password",
                    "guest",
                    "changeme",
                    "change-me");

    private SecretRules() {}

    /** Why {@code value} must not be used as a secret, or empty when it may. */
    public static Optional<String> weakness(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("is empty");
        }
        String v = value.trim();
        if (SHIPPED.contains(v.toLowerCase(Locale.ROOT))) {
            return Optional.of("is the placeholder " + v + " shipped in the repository");
        }
        if (v.length() < MIN_LENGTH) {
            return Optional.of("has " + v.length() + " characters, fewer than " + MIN_LENGTH);
        }
        return Optional.empty();
    }
}
