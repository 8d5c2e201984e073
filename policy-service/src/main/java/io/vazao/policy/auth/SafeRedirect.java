package io.vazao.policy.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The page to return to after signing in ({@code next=}): only a path on this origin. The value is
 * parsed as a URI reference, not matched by its first characters: browsers read a backslash as a
 * slash, so {@code /\evil.example} (or its encoded form) means {@code //evil.example}, another
 * host.
 */
public final class SafeRedirect {

    public static final String HOME = "/";
    private static final int MAX_LENGTH = 2_000;

    private SafeRedirect() {}

    /** {@code next} when it is a same-origin path, else {@link #HOME}. */
    public static String target(String next) {
        return sameOriginPath(next).orElse(HOME);
    }

    public static Optional<String> sameOriginPath(String next) {
        if (next == null
                || next.isEmpty()
                || next.length() > MAX_LENGTH
                || !next.startsWith("/")
                || next.startsWith("//")) {
            return Optional.empty();
        }
        for (char c : next.toCharArray()) {
            // Backslashes and controls (tab, newline) are rewritten or dropped by browsers' URL
            // parsers.
            if (c == '\\' || c < 0x21 || c == 0x7f) {
                return Optional.empty();
            }
        }
        URI uri;
        try {
            uri = new URI(next);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() != null
                || uri.getRawAuthority() != null
                || uri.getRawPath() == null
                || !uri.getRawPath().startsWith("/")
                || uri.getRawPath().startsWith("//")) {
            return Optional.empty();
        }
        String decodedPath = uri.getPath();
        // An encoded slash or backslash (%2F, %5C) that decodes into "//" or "\" is refused too.
        if (decodedPath == null || decodedPath.startsWith("//") || decodedPath.contains("\\")) {
            return Optional.empty();
        }
        return Optional.of(next);
    }
}
