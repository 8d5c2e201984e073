package io.vazao.policy.dashboard;

/**
 * Which static paths of the dashboard need credentials. The page and everything under {@code /app/}
 * do; the login page and its assets under {@code /assets/} must not (they are how a browser gets
 * credentials). Everything else — {@code /api/**}, {@code /q/**} — is not the dashboard's business.
 */
public final class DashboardPaths {

    public enum Access {
        /** The dashboard page: without credentials, 401 with a pointer to the login page. */
        PAGE,
        /** A dashboard script, style or library: without credentials, a plain 401. */
        ASSET,
        /** Not guarded here. */
        OTHER
    }

    public static final String LOGIN_PAGE = "/login.html";

    private DashboardPaths() {}

    public static Access classify(String path) {
        if (path == null || path.isEmpty() || path.equals("/") || path.equals("/index.html")) {
            return Access.PAGE;
        }
        if (path.equals("/app") || path.startsWith("/app/")) {
            return Access.ASSET;
        }
        return Access.OTHER;
    }

    /** Where an unauthenticated browser is sent, returning to {@code path} after signing in. */
    public static String loginLocation(String path) {
        String back = path == null || path.isEmpty() || path.equals("/index.html") ? "/" : path;
        return LOGIN_PAGE
                + "?next="
                + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8);
    }
}
