package io.vazao.policy.auth;

import io.vazao.policy.api.ApiError;
import io.vazao.policy.api.Violation;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api/**} request needs credentials — reads too — except logging in. Runs before
 * routing and before the body is looked at.
 */
public class AuthFilter {

    private final ApiCredentials credentials;
    private final Sessions sessions;

    public AuthFilter(ApiCredentials credentials, Sessions sessions) {
        this.credentials = credentials;
        this.sessions = sessions;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext ctx) {
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/+", "");
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return null;
        }
        if (path.equals("/api/v1/session") && ctx.getMethod().equals("POST")) {
            return null; // logging in is how a browser gets credentials
        }
        String authorization = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return credentials.authorizationMatches(authorization) ? null : unauthorized("wrong credentials");
        }
        Cookie cookie = ctx.getCookies().get(Sessions.COOKIE);
        if (cookie != null) {
            return sessions.valid(cookie.getValue()) ? null : unauthorized("session expired or unknown");
        }
        return unauthorized("credentials required");
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
