package io.vazao.policy.api;

import io.vazao.contract.Policy;
import io.vazao.policy.broker.BrokerUnavailableException;
import io.vazao.policy.broker.ManagementApi;
import io.vazao.policy.store.PolicyStore;
import io.vazao.policy.store.Versioned;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Operations on a managed queue: empty it, pause it, resume it. */
@Path("/api/v1/queues/{queue}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
public class QueueActionsResource {

    private static final Logger LOG = Logger.getLogger(QueueActionsResource.class);

    private final PolicyStore store;
    private final ManagementApi management;

    public QueueActionsResource(PolicyStore store, ManagementApi management) {
        this.store = store;
        this.management = management;
    }

    public record Purged(String queue, boolean purged) {}

    @POST
    @Path("/purge")
    @Operation(summary = "Delete every ready message of the queue (through the management API)")
    public Purged purge(@PathParam("queue") String queue) {
        existing(queue);
        try {
            if (!management.purge(queue)) {
                throw new ApiException(
                        404,
                        "queue not declared on the broker",
                        List.of(new Violation("queue", "RabbitMQ has no queue " + queue)));
            }
        } catch (BrokerUnavailableException e) {
            throw new ApiException(
                    503, "broker unavailable", List.of(new Violation("broker", e.getMessage())));
        }
        LOG.infof("event=queue_purged queue=%s", queue);
        return new Purged(queue, true);
    }

    @POST
    @Path("/pause")
    @Operation(
            summary =
                    "Pause the queue (policy.paused = true, atomically; If-Match: only that version): the engine gives a paused queue no workers")
    public Response pause(
            @PathParam("queue") String queue, @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return setPaused(queue, ifMatch, true);
    }

    @POST
    @Path("/resume")
    @Operation(summary = "Resume a paused queue (atomically; If-Match: only that version)")
    public Response resume(
            @PathParam("queue") String queue, @HeaderParam(IfMatch.HEADER) String ifMatch) {
        return setPaused(queue, ifMatch, false);
    }

    private Response setPaused(String queue, String ifMatch, boolean paused) {
        existing(queue);
        Versioned<Policy> written =
                ConditionalUpdate.apply(
                        ifMatch,
                        () ->
                                store.versionedPolicy(queue)
                                        .orElseThrow(() -> ApiException.unknownQueue(queue)),
                        current -> current.withPaused(paused),
                        (tag, p) -> store.putPolicyIf(queue, tag, p));
        return Response.ok(written.value()).tag(new EntityTag(written.tag())).build();
    }

    private Policy existing(String queue) {
        if (!QueueNames.valid(queue)) {
            throw ApiException.unknownQueue(queue);
        }
        return store.policy(queue).orElseThrow(() -> ApiException.unknownQueue(queue));
    }
}
