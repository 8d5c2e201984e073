package io.vazao.policy.dashboard;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vazao.policy.auth.ApiCredentials;
import io.vazao.policy.auth.CredentialThrottle;
import io.vazao.policy.auth.Sessions;
import io.vazao.policy.dashboard.DashboardPaths.Access;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the dashboard's page and assets behind the API's credentials. The API's own filter only sees
 * JAX-RS requests; static files are served before JAX-RS, so they are guarded here, in front of the
 * static handler, with the same checks in the same order: an Authorization header (Bearer or Basic)
 * decides alone, otherwise the session cookie.
 */
@ApplicationScoped
public class DashboardGate {

    /** Ahead of the static-resource handler. */
    private static final int PRIORITY = 50;

    private final ApiCredentials credentials;
    private final Sessions sessions;
    private final CredentialThrottle throttle;

    public DashboardGate(
            ApiCredentials credentials, Sessions sessions, CredentialThrottle throttle) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        Access access = DashboardPaths.classify(rc.normalizedPath());
        if (access == Access.OTHER || permitted(rc.request())) {
            rc.next();
            return;
        }
        var response =
                rc.response()
                        .setStatusCode(401)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .putHeader("WWW-Authenticate", "Bearer realm=\"vazao\"");
        if (access == Access.PAGE) {
            // A 401 still, so scripts and tests see the truth; browsers follow the refresh to the
            // login form.
            String login = DashboardPaths.loginLocation(rc.normalizedPath());
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .end(
                            """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>vazao · sign in</title>
                    <meta http-equiv="refresh" content="0; url=%s"></head>
                    <body><p>Sign in first: <a href="%s">sign in</a>.</p></body></html>
                    """
                                    .formatted(login, login));
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("sign in first: " + DashboardPaths.LOGIN_PAGE + "\n");
        }
    }

    private boolean permitted(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            // Guessing through the page counts as much as guessing through the API.
            String client = CredentialThrottle.client(request);
            boolean ok =
                    throttle.refusal(client).isEmpty()
                            && credentials.authorizationMatches(authorization);
            if (ok) {
                throttle.succeeded(client);
            } else {
                throttle.failed(client);
            }
            return ok;
        }
        Cookie cookie = request.getCookie(Sessions.COOKIE);
        return cookie != null && sessions.valid(cookie.getValue());
    }
}
