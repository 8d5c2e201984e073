package io.vazao.policy.auth;

import io.vazao.policy.api.JsonBody;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-site request forgery rules for requests a browser authenticates by itself (the session
 * cookie). {@code SameSite=Strict} is per site, not per origin: a page on another port of the same
 * host, or on a sibling subdomain, is "same site" and its requests carry the cookie. So a change is
 * accepted only when the browser says it came from this very origin — {@code Sec-Fetch-Site:
 * same-origin}, or an {@code Origin} whose scheme, host and port are the request's — and only with
 * a JSON content type, which a cross-origin page cannot send without a CORS preflight that this
 * service never grants. Bearer and Basic callers are not affected: a browser never adds those
 * headers on its own.
 */
public final class CrossSiteCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** Why a refused request was refused: the status to answer and the rule broken. */
    public record Refusal(int status, String field, String rule) {}

    private CrossSiteCheck() {}

    /** The refusal for a cookie-authenticated request, or empty when it may proceed. */
    public static Optional<Refusal> cookieRequest(
            String method,
            String contentType,
            String secFetchSite,
            String origin,
            String scheme,
            String host) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Optional<Refusal> foreign = foreignOrigin(secFetchSite, origin, scheme, host, true);
        if (foreign.isPresent()) {
            return foreign;
        }
        if (!JsonBody.isJson(contentType)) {
            return Optional.of(
                    new Refusal(
                            415,
                            "Content-Type",
                            "changes made with a session cookie must be application/json"));
        }
        return Optional.empty();
    }

    /**
     * The refusal when the request says it came from another origin. With {@code required}, a
     * request that says nothing (no Sec-Fetch-Site, no Origin) is refused too.
     */
    public static Optional<Refusal> foreignOrigin(
            String secFetchSite, String origin, String scheme, String host, boolean required) {
        if (secFetchSite != null && !secFetchSite.isBlank()) {
            return secFetchSite.trim().equalsIgnoreCase("same-origin")
                    ? Optional.empty()
                    : Optional.of(
                            new Refusal(
                                    403,
                                    "Sec-Fetch-Site",
                                    "must be same-origin, was " + secFetchSite.trim()));
        }
        if (origin != null && !origin.isBlank()) {
            return sameOrigin(origin.trim(), scheme, host)
                    ? Optional.empty()
                    : Optional.of(new Refusal(403, "Origin", "must be this service's own origin"));
        }
        return required
                ? Optional.of(
                        new Refusal(
                                403,
                                "Origin",
                                "a change made with a session cookie needs an Origin or Sec-Fetch-Site header"))
                : Optional.empty();
    }

    /** The Origin's scheme, host and port against the request's own scheme and Host header. */
    static boolean sameOrigin(String origin, String requestScheme, String host) {
        if (host == null || host.isBlank() || requestScheme == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equalsIgnoreCase(requestScheme)
                || uri.getHost() == null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                || uri.getRawUserInfo() != null) {
            return false;
        }
        return authority(scheme, uri.getHost(), uri.getPort()).equals(hostHeader(scheme, host));
    }

    private static String hostHeader(String scheme, String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && colon > h.lastIndexOf(']')) {
            try {
                return authority(
                        scheme, h.substring(0, colon), Integer.parseInt(h.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return "\u0000"; // matches no origin
            }
        }
        return authority(scheme, h, -1);
    }

    private static String authority(String scheme, String hostName, int port) {
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String h = hostName.toLowerCase(Locale.ROOT);
        return port < 0 || port == defaultPort ? h : h + ":" + port;
    }
}
