package io.vazao.policy.api;

import io.vazao.contract.Topology;
import io.vazao.policy.broker.BrokerUnavailableException;
import io.vazao.policy.broker.ManagementApi;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.deadletter.DeadLetterLocks;
import io.vazao.policy.deadletter.DeadLetterReader;
import io.vazao.policy.deadletter.DeadLetterReport;
import io.vazao.policy.deadletter.DeadLetterTally;
import io.vazao.policy.deadletter.ReplayJob;
import io.vazao.policy.deadletter.ReplayJobs;
import io.vazao.policy.store.PolicyStore;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** A managed queue's dead letters: what is there and why, replaying them, purging them. */
@Path("/api/v1/queues/{queue}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead letters")
public class DeadLettersResource {

    private static final Logger LOG = Logger.getLogger(DeadLettersResource.class);
    static final int MAX_PAGE = 200;

    private final PolicyStore store;
    private final DeadLetterReader reader;
    private final ReplayJobs replays;
    private final DeadLetterLocks locks;
    private final ManagementApi management;
    private final VazaoConfig config;

    public DeadLettersResource(
            PolicyStore store,
            DeadLetterReader reader,
            ReplayJobs replays,
            DeadLetterLocks locks,
            ManagementApi management,
            VazaoConfig config) {
        this.store = store;
        this.reader = reader;
        this.replays = replays;
        this.locks = locks;
        this.management = management;
        this.config = config;
    }

    public record Purged(String queue, String deadLetterQueue, boolean purged) {}

    @GET
    @Operation(
            summary =
                    "Count the dead letters by reason and show a page of them, without removing any")
    public DeadLetterReport list(
            @PathParam("queue") String queue,
            @QueryParam("offset") @DefaultValue("0") long offset,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        managed(queue);
        if (offset < 0) {
            throw ApiException.badRequest("invalid page", "offset", "must be >= 0");
        }
        if (limit < 0 || limit > MAX_PAGE) {
            throw ApiException.badRequest(
                    "invalid page", "limit", "must be between 0 and " + MAX_PAGE);
        }
        try {
            DeadLetterReader.Read read = reader.read(queue, offset, limit);
            if (read instanceof DeadLetterReader.Read.Found f) {
                return f.report();
            }
            if (read instanceof DeadLetterReader.Read.Busy b) {
                throw busy(b.holder());
            }
            // No worker has declared it yet: nothing was ever dead-lettered.
            return new DeadLetterTally(offset, limit, 0)
                    .report(queue, Topology.deadLetterQueue(queue), 0, true);
        } catch (IOException e) {
            throw brokerDown(e.getMessage());
        }
    }

    @POST
    @Path("/replay")
    @Operation(
            summary =
                    "Start moving dead letters back to the work queue (all, one reason, or up to max; at a rate)")
    public Response replay(
            @PathParam("queue") String queue,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        managed(queue);
        var request =
                ReplayRequestParser.parse(
                        body == null || body.length == 0
                                ? null
                                : JsonBody.object(contentType, body, config.api().maxBodyBytes()));
        ReplayJobs.Start start = replays.start(queue, request);
        if (start instanceof ReplayJobs.Start.Busy b) {
            throw busy(b.holder());
        }
        ReplayJob job = ((ReplayJobs.Start.Started) start).job();
        return Response.status(202)
                .entity(job)
                .header("Location", "/api/v1/queues/" + queue + "/dead-letters/replay/" + job.id())
                .build();
    }

    @GET
    @Path("/replay/{id}")
    @Operation(summary = "Progress of a replay; its summary once it is finished")
    public ReplayJob replayJob(@PathParam("queue") String queue, @PathParam("id") String id) {
        managed(queue);
        return replays.job(queue, id).orElseThrow(() -> unknownJob(id));
    }

    @POST
    @Path("/replay/{id}/cancel")
    @Operation(summary = "Stop a replay after the message in hand")
    public ReplayJob cancel(@PathParam("queue") String queue, @PathParam("id") String id) {
        managed(queue);
        if (!replays.cancel(queue, id)) {
            throw unknownJob(id);
        }
        return replays.job(queue, id).orElseThrow(() -> unknownJob(id));
    }

    @POST
    @Path("/purge")
    @Operation(summary = "Delete every dead letter of the queue (through the management API)")
    public Purged purge(@PathParam("queue") String queue) {
        managed(queue);
        String holder = "purge " + UUID.randomUUID();
        locks.tryTake(queue, holder)
                .ifPresent(
                        h -> {
                            throw busy(h);
                        });
        boolean purged;
        try {
            purged = management.purge(Topology.deadLetterQueue(queue));
        } catch (BrokerUnavailableException e) {
            throw brokerDown(e.getMessage());
        } finally {
            locks.release(queue, holder);
        }
        LOG.infof("event=dead-letters-purged queue=%s existed=%s", queue, purged);
        return new Purged(queue, Topology.deadLetterQueue(queue), purged);
    }

    private void managed(String queue) {
        if (!QueueNames.valid(queue) || store.policy(queue).isEmpty()) {
            throw ApiException.unknownQueue(queue);
        }
    }

    private static ApiException busy(String holder) {
        return new ApiException(
                409,
                "dead-letter queue busy",
                List.of(new Violation("queue", "another operation holds it: " + holder)));
    }

    private static ApiException unknownJob(String id) {
        return new ApiException(
                404, "unknown replay", List.of(new Violation("id", "no replay " + id)));
    }

    private static ApiException brokerDown(String why) {
        return new ApiException(
                503, "broker unavailable", List.of(new Violation("broker", String.valueOf(why))));
    }
}
