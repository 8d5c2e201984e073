package io.vazao.policy.api;

import io.vazao.policy.store.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the API answers is JSON shaped as {@link ApiError}. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status(), e.body());
    }

    @ServerExceptionMapper
    public Response store(StoreUnavailableException e) {
        LOG.warnf("event=api_store_unavailable error=\"%s\"", e.getMessage());
        return json(503, ApiError.of("redis unavailable"));
    }

    /** Stored JSON that cannot be read (written by hand or by a newer version). */
    @ServerExceptionMapper
    public Response unreadable(IllegalArgumentException e) {
        LOG.warnf("event=api_unreadable_data error=\"%s\"", e.getMessage());
        return json(
                500,
                new ApiError(
                        "stored data unreadable",
                        java.util.List.of(new Violation("redis", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String error =
                switch (status) {
                    case 404 -> "not found";
                    case 405 -> "method not allowed";
                    case 406 -> "not acceptable";
                    case 413 -> "body too large";
                    case 415 -> "unsupported media type";
                    default -> status >= 500 ? "internal error" : "bad request";
                };
        return json(status, ApiError.of(error));
    }

    static Response json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
