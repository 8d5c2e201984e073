package io.vazao.policy.api;

import io.vazao.policy.config.VazaoConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a declared body above the limit before it is read. Bodies without a Content-Length are
 * measured again by {@link JsonBody} once read.
 */
public class BodyLimitFilter {

    private final VazaoConfig config;

    public BodyLimitFilter(VazaoConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true, priority = 2_000)
    public Response limit(ContainerRequestContext ctx) {
        String length = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null; // the HTTP layer rejects a malformed Content-Length itself
        }
        if (declared > config.api().maxBodyBytes()) {
            ApiException e = JsonBody.tooLarge(config.api().maxBodyBytes());
            return Response.status(e.status())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(e.body())
                    .build();
        }
        return null;
    }
}
