package io.vazao.policy.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vazao.contract.Json;
import io.vazao.policy.auth.SessionStreams;
import io.vazao.policy.auth.Sessions;
import io.vazao.policy.status.Status;
import io.vazao.policy.status.StatusBoard;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What every managed queue looks like now, and the same pushed after every tick. */
@Path("/api/v1/status")
@Tag(name = "status")
public class StatusResource {

    private final StatusBoard board;
    private final SessionStreams streams;

    public StatusResource(StatusBoard board, SessionStreams streams) {
        this.board = board;
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Budget, targets, live workers and broker figures of every managed queue")
    public Status status() {
        return board.current();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Server-sent events: 'status' with the status JSON, after every tick")
    public Multi<OutboundSseEvent> stream(
            @Context Sse sse,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @CookieParam(Sessions.COOKIE) String session) {
        Status first = board.current();
        Multi<Status> updates =
                Multi.createBy()
                        .concatenating()
                        .streams(
                                Multi.createFrom().item(first),
                                board.updates().onOverflow().drop());
        return streams.whileSignedIn(authorization, session, updates)
                .map(
                        s ->
                                sse.newEventBuilder()
                                        .name("status")
                                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                        .data(String.class, Json.write(s))
                                        .build());
    }
}
