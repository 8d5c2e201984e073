package io.vazao.policy.auth;

import io.vazao.policy.api.ApiError;
import io.vazao.policy.api.Violation;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api/**} request needs credentials — reads too — except logging in. Runs before
 * routing and before the body is looked at. A throttled client is refused first; an Authorization
 * header (Bearer or Basic) decides alone; a session cookie also has to pass {@link CrossSiteCheck}.
 */
public class AuthFilter {

    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
    static final String ORIGIN = "Origin";

    private final ApiCredentials credentials;
    private final Sessions sessions;
    private final CredentialThrottle throttle;

    public AuthFilter(ApiCredentials credentials, Sessions sessions, CredentialThrottle throttle) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/+", "");
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return null;
        }
        String client = CredentialThrottle.client(request);
        Optional<Response> throttled = throttle.refusal(client);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        if (path.equals("/api/v1/session") && ctx.getMethod().equals("POST")) {
            // Logging in is how a browser gets credentials; a page of another origin may not do it.
            return CrossSiteCheck.foreignOrigin(
                            ctx.getHeaderString(SEC_FETCH_SITE),
                            ctx.getHeaderString(ORIGIN),
                            request.scheme(),
                            host(request),
                            false)
                    .map(AuthFilter::refused)
                    .orElse(null);
        }
        String authorization = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (credentials.authorizationMatches(authorization)) {
                throttle.succeeded(client);
                return null;
            }
            throttle.failed(client);
            return unauthorized("wrong credentials");
        }
        Cookie cookie = ctx.getCookies().get(Sessions.COOKIE);
        if (cookie != null) {
            if (!sessions.valid(cookie.getValue())) {
                return unauthorized("session expired or unknown");
            }
            return CrossSiteCheck.cookieRequest(
                            ctx.getMethod(),
                            ctx.getHeaderString(HttpHeaders.CONTENT_TYPE),
                            ctx.getHeaderString(SEC_FETCH_SITE),
                            ctx.getHeaderString(ORIGIN),
                            request.scheme(),
                            host(request))
                    .map(AuthFilter::refused)
                    .orElse(null);
        }
        return unauthorized("credentials required");
    }

    /**
     * Host and port the client addressed: the Host header, or HTTP/2's :authority (h2c upgrades
     * have no Host).
     */
    static String host(HttpServerRequest request) {
        var authority = request.authority();
        if (authority == null) {
            return request.getHeader(HttpHeaders.HOST);
        }
        return authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
    }

    static Response refused(CrossSiteCheck.Refusal r) {
        return Response.status(r.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(
                        new ApiError(
                                r.status() == 415
                                        ? "unsupported media type"
                                        : "cross-site request refused",
                                List.of(new Violation(r.field(), r.rule()))))
                .build();
    }

    static Response unauthorized(String rule) {
        // Bearer only: a Basic challenge would make browsers pop up their own login dialog.
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vazao\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("unauthorized", List.of(new Violation("Authorization", rule))))
                .build();
    }
}
