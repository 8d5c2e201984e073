package io.vazao.policy.api;

import io.smallrye.mutiny.Multi;
import io.vazao.contract.Json;
import io.vazao.contract.ScalingEvent;
import io.vazao.policy.auth.SessionStreams;
import io.vazao.policy.auth.Sessions;
import io.vazao.policy.store.EventLog;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The scaling and lifecycle events stream: recent entries, and a live tail. */
@Path("/api/v1/events")
@Tag(name = "events")
public class EventsResource {

    public static final int MAX_LIMIT = 1_000;

    private final EventLog log;
    private final EventTail tail;
    private final SessionStreams streams;

    public EventsResource(EventLog log, EventTail tail, SessionStreams streams) {
        this.log = log;
        this.tail = tail;
        this.streams = streams;
    }

    public record Events(List<ScalingEvent> events) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Recent events, newest first (limit 1-1000, default 100; optional queue filter)")
    public Events events(@QueryParam("limit") String limit, @QueryParam("queue") String queue) {
        int n = 100;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid query", "limit", "must be an integer");
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw ApiException.badRequest(
                        "invalid query", "limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
        String q = queue == null || queue.isEmpty() ? null : queue;
        if (q != null && !QueueNames.valid(q)) {
            throw ApiException.badRequest("invalid query", "queue", "must be a queue name");
        }
        return new Events(log.recent(n, q));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events: 'scaling' with each new event's JSON")
    public Multi<OutboundSseEvent> stream(
            @Context Sse sse,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @CookieParam(Sessions.COOKIE) String session) {
        return streams.whileSignedIn(authorization, session, tail.events().onOverflow().drop())
                .map(
                        e ->
                                sse.newEventBuilder()
                                        .name("scaling")
                                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                        .data(String.class, Json.write(e))
                                        .build());
    }
}
