package io.vazao.policy.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A value read from Redis with its version: the SHA-1 of the stored JSON (what Redis's own {@code
 * redis.sha1hex} computes in the compare-and-set scripts), or {@link #ABSENT} when nothing is
 * stored. The API hands it out as the ETag and takes it back in If-Match.
 */
public record Versioned<T>(T value, String tag) {

    public static final String ABSENT = "absent";

    public static String tagOf(String storedJson) {
        if (storedJson == null) {
            return ABSENT;
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1")
                            .digest(storedJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }
}
