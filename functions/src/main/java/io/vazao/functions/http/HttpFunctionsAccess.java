package io.vazao.functions.http;

import io.vazao.contract.SecretRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call a worker over HTTP. Metrics and health ({@code /q/...}) are always served; every
 * other path is a business function, which answers 404 while HTTP functions are off (the default)
 * and needs {@code Authorization: Bearer <token>} when they are on.
 */
public final class HttpFunctionsAccess {

    public enum Decision {
        PASS,
        NOT_FOUND,
        UNAUTHORIZED
    }

    private final boolean enabled;
    private final byte[] token;

    private HttpFunctionsAccess(boolean enabled, String token) {
        this.enabled = enabled;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** Refuses, with the reason, to turn the functions on without a strong token. */
    public static HttpFunctionsAccess of(boolean enabled, Optional<String> token) {
        if (!enabled) {
            return new HttpFunctionsAccess(false, null);
        }
        String t = token.map(String::trim).orElse("");
        SecretRules.weakness(t)
                .ifPresent(
                        why -> {
                            throw new IllegalArgumentException(
                                    "vazao.http-functions.token (VAZAO_HTTP_FUNCTIONS_TOKEN) "
                                            + why
                                            + "; HTTP functions need the API token; "
                                            + SecretRules.HOW_TO_GENERATE);
                        });
        return new HttpFunctionsAccess(true, t);
    }

    public Decision decide(String path, String authorization) {
        if (path != null && (path.equals("/q") || path.startsWith("/q/"))) {
            return Decision.PASS;
        }
        if (!enabled) {
            return Decision.NOT_FOUND;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Decision.UNAUTHORIZED;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token) ? Decision.PASS : Decision.UNAUTHORIZED;
    }
}
