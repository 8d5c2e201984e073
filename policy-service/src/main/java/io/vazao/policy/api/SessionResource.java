package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.policy.auth.ApiCredentials;
import io.vazao.policy.auth.CredentialThrottle;
import io.vazao.policy.auth.SafeRedirect;
import io.vazao.policy.auth.Sessions;
import io.vazao.policy.config.VazaoConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Browser login: trades the API token for an HttpOnly, SameSite=Strict session cookie, which is
 * what lets a browser's EventSource (which cannot send headers) authenticate.
 */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class SessionResource {

    private final ApiCredentials credentials;
    private final Sessions sessions;
    private final VazaoConfig config;
    private final Clock clock;
    private final CredentialThrottle throttle;

    public SessionResource(
            ApiCredentials credentials,
            Sessions sessions,
            VazaoConfig config,
            Clock clock,
            CredentialThrottle throttle) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
        this.throttle = throttle;
    }

    /**
     * {@code next}: where the browser goes now — the requested page when it is on this origin, else
     * "/".
     */
    public record SessionInfo(long expiresAt, String next) {}

    /** The body of a login (documentation only: the body is parsed strictly by hand). */
    public record LoginRequest(String token) {}

    @POST
    @Operation(
            summary =
                    "Log in with {\"token\": \"...\"}; sets the vazao_session cookie; answers the same-origin page to go to (next)")
    public Response login(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("next") String next,
            @Context HttpServerRequest request,
            @RequestBody(
                            description = "the API token",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = LoginRequest.class)))
                    byte[] body) {
        JsonNode json = JsonBody.object(contentType, body, config.api().maxBodyBytes());
        List<Violation> violations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            String field = it.next().getKey();
            if (!field.equals("token")) {
                violations.add(new Violation(field, "unknown field"));
            }
        }
        String token =
                json.has("token") ? JsonFields.text(json.get("token"), "token", violations) : null;
        if (!json.has("token")) {
            violations.add(new Violation("token", "is required"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("invalid session request", violations);
        }
        String client = CredentialThrottle.client(request);
        if (!credentials.tokenMatches(token)) {
            throttle.failed(client);
            throw new ApiException(
                    401, "unauthorized", List.of(new Violation("token", "wrong token")));
        }
        throttle.succeeded(client);
        String id = sessions.create();
        long ttl = sessions.ttlMillis();
        NewCookie cookie = cookie(id, (int) Math.min(Integer.MAX_VALUE, ttl / 1000), request);
        return Response.ok(new SessionInfo(clock.millis() + ttl, SafeRedirect.target(next)))
                .cookie(cookie)
                .build();
    }

    private NewCookie cookie(String value, int maxAge, HttpServerRequest request) {
        boolean secure =
                config.api().secureCookie().orElse("https".equalsIgnoreCase(request.scheme()));
        return new NewCookie.Builder(Sessions.COOKIE)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(maxAge)
                .build();
    }

    @DELETE
    @Operation(summary = "Log out: ends the session and clears the cookie")
    public Response logout(
            @CookieParam(Sessions.COOKIE) String id, @Context HttpServerRequest request) {
        sessions.end(id);
        return Response.noContent().cookie(cookie("", 0, request)).build();
    }
}
