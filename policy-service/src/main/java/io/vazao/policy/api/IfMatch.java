package io.vazao.policy.api;

import io.vazao.policy.store.Versioned;
import java.util.List;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is its stored version, and a write that sends
 * {@code If-Match} goes through only while that version is still the stored one (strong comparison;
 * {@code *} = any stored version). A write without If-Match is still applied atomically.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    private IfMatch() {}

    public static String etag(String tag) {
        return "\"" + tag + "\"";
    }

    /**
     * Whether the {@code If-Match} header (null when not sent) allows writing over version {@code
     * currentTag}. The settings' defaults (nothing stored) have a version too, so the exact tag
     * always matches; {@code *} needs something stored.
     */
    public static boolean permits(String header, String currentTag) {
        if (header == null) {
            return true;
        }
        boolean exists = !Versioned.ABSENT.equals(currentTag);
        for (String part : header.split(",")) {
            String candidate = part.trim();
            if (candidate.equals("*")) {
                if (exists) {
                    return true;
                }
            } else if (candidate.length() >= 2
                    && candidate.startsWith("\"")
                    && candidate.endsWith("\"")
                    && candidate.substring(1, candidate.length() - 1).equals(currentTag)) {
                return true; // weak tags (W/"...") never match: a write needs the exact version
            }
        }
        return false;
    }

    public static ApiException stale() {
        return new ApiException(
                412,
                "precondition failed",
                List.of(
                        new Violation(
                                HEADER,
                                "the resource has changed since it was read (or does not exist); read it again for its current ETag")));
    }
}
