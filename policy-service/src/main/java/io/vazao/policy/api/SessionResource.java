package io.vazao.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.policy.auth.ApiCredentials;
import io.vazao.policy.auth.Sessions;
import io.vazao.policy.config.VazaoConfig;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
 * Browser login: trades the API token for an HttpOnly, SameSite=Strict session cookie, which is what
 * lets a browser's EventSource (which cannot send headers) authenticate.
 */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session")
public class SessionResource {

    private final ApiCredentials credentials;
    private final Sessions sessions;
    private final VazaoConfig config;
    private final Clock clock;

    public SessionResource(ApiCredentials credentials, Sessions sessions, VazaoConfig config, Clock clock) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    public record SessionInfo(long expiresAt) {
    }

    /** The body of a login (documentation only: the body is parsed strictly by hand). */
    public record LoginRequest(String token) {
    }

    @POST
    @Operation(summary = "Log in with {\"token\": \"...\"}; sets the vazao_session cookie")
    public Response login(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @RequestBody(description = "the API token", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LoginRequest.class))) byte[] body) {
        JsonNode json = JsonBody.object(contentType, body, config.api().maxBodyBytes());
        List<Violation> violations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            String field = it.next().getKey();
            if (!field.equals("token")) {
                violations.add(new Violation(field, "unknown field"));
            }
        }
        String token = json.has("token") ? JsonFields.text(json.get("token"), "token", violations) : null;
        if (!json.has("token")) {
            violations.add(new Violation("token", "is required"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("invalid session request", violations);
        }
        if (!credentials.tokenMatches(token)) {
            throw new ApiException(401, "unauthorized", List.of(new Violation("token", "wrong token")));
        }
        String id = sessions.create();
        long ttl = sessions.ttlMillis();
        NewCookie cookie = new NewCookie.Builder(Sessions.COOKIE).value(id).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) Math.min(Integer.MAX_VALUE, ttl / 1000)).build();
        return Response.ok(new SessionInfo(clock.millis() + ttl)).cookie(cookie).build();
    }

    @DELETE
    @Operation(summary = "Log out: ends the session and clears the cookie")
    public Response logout(@CookieParam(Sessions.COOKIE) String id) {
        sessions.end(id);
        NewCookie cleared = new NewCookie.Builder(Sessions.COOKIE).value("").path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.noContent().cookie(cleared).build();
    }
}
