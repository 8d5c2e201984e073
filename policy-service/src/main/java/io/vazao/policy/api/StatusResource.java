package io.vazao.policy.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vazao.contract.Json;
import io.vazao.policy.status.Status;
import io.vazao.policy.status.StatusBoard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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

    public StatusResource(StatusBoard board) {
        this.board = board;
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
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Status first = board.current();
        return Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(first), board.updates().onOverflow().drop())
                .map(s -> sse.newEventBuilder().name("status").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(String.class, Json.write(s)).build());
    }
}
