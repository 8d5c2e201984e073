package io.vazao.policy.api;

import io.vazao.contract.Policy;
import io.vazao.contract.QueueType;
import io.vazao.policy.broker.WorkQueueTypes;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.store.PolicyStore;
import io.vazao.policy.store.Versioned;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Per-queue scaling policies. A queue is managed while it has one. */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policies")
public class PoliciesResource {

    private final PolicyStore store;
    private final VazaoConfig config;
    private final WorkQueueTypes queueTypes;

    public PoliciesResource(PolicyStore store, VazaoConfig config, WorkQueueTypes queueTypes) {
        this.store = store;
        this.config = config;
        this.queueTypes = queueTypes;
    }

    /** The body of {@code GET /api/v1/policies}. */
    public record PolicyList(Map<String, Policy> policies) {}

    @GET
    @Operation(summary = "Every managed queue's policy")
    public PolicyList list() {
        return new PolicyList(store.policies().policies());
    }

    @GET
    @Path("/{queue}")
    @Operation(summary = "One queue's policy; the ETag is its version, for If-Match on writes")
    public Response get(@PathParam("queue") String queue) {
        Versioned<Policy> v = versioned(queue);
        return Response.ok(v.value()).tag(new EntityTag(v.tag())).build();
    }

    @PUT
    @Path("/{queue}")
    @Operation(
            summary =
                    "Create or replace a queue's policy (the queue becomes managed); If-Match: replace only that version")
    public Response put(
            @PathParam("queue") String queue,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            @RequestBody(
                            description =
                                    "weight, minWorkers and maxWorkers required; see docs/api.md for every field's rule",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = Policy.class)))
                    byte[] body) {
        QueueNames.requireValid(queue);
        Policy policy =
                PolicyValidator.replacement(
                        JsonBody.object(contentType, body, config.api().maxBodyBytes()));
        requireQueueType(queue, null, policy);
        AtomicBoolean existed = new AtomicBoolean();
        Versioned<Policy> written =
                ConditionalUpdate.apply(
                        ifMatch,
                        () -> {
                            Optional<Versioned<Policy>> current = store.versionedPolicy(queue);
                            existed.set(current.isPresent());
                            return current.orElse(new Versioned<>(null, Versioned.ABSENT));
                        },
                        old -> policy,
                        (tag, p) -> store.putPolicyIf(queue, tag, p));
        return Response.status(existed.get() ? 200 : 201)
                .entity(policy)
                .tag(new EntityTag(written.tag()))
                .build();
    }

    /**
     * A policy that names a queue type (newly) gets a queue of that type, declared now when the
     * queue is missing; one that exists with another type refuses the policy, with nothing stored.
     */
    private void requireQueueType(String queue, Policy before, Policy after) {
        QueueType wanted = after.queueType();
        if (wanted == null || (before != null && wanted == before.queueType())) {
            return;
        }
        String has;
        try {
            has = queueTypes.ensure(queue, after);
        } catch (IOException e) {
            throw new ApiException(
                    503,
                    "broker unavailable",
                    List.of(
                            new Violation(
                                    "queueType",
                                    "cannot check or declare the queue's type, nothing stored: "
                                            + e.getMessage())));
        }
        if (!has.equals(wanted.wire())) {
            throw new ApiException(
                    409,
                    "queue type cannot change",
                    List.of(
                            new Violation(
                                    "queueType",
                                    "queue "
                                            + queue
                                            + " exists as a "
                                            + has
                                            + " queue and RabbitMQ cannot change a queue's type:"
                                            + " drain and delete it, or use a new queue, then"
                                            + " write the policy again")));
        }
    }

    @PATCH
    @Path("/{queue}")
    @Operation(
            summary =
                    "Change some fields of a queue's policy (atomically; If-Match: only that version)")
    public Response patch(
            @PathParam("queue") String queue,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            @RequestBody(
                            description = "any subset of the policy fields",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = Policy.class)))
                    byte[] body) {
        var json = JsonBody.object(contentType, body, config.api().maxBodyBytes());
        Versioned<Policy> written =
                ConditionalUpdate.apply(
                        ifMatch,
                        () -> versioned(queue),
                        current -> {
                            Policy patched = PolicyValidator.patch(current, json);
                            requireQueueType(queue, current, patched);
                            return patched;
                        },
                        (tag, p) -> store.putPolicyIf(queue, tag, p));
        return Response.ok(written.value()).tag(new EntityTag(written.tag())).build();
    }

    @DELETE
    @Path("/{queue}")
    @Operation(
            summary =
                    "Stop managing a queue: removes its policy and its published target (If-Match: only that version)")
    public Response delete(
            @PathParam("queue") String queue, @HeaderParam(IfMatch.HEADER) String ifMatch) {
        Versioned<Policy> current = versioned(queue);
        if (!IfMatch.permits(ifMatch, current.tag())) {
            throw IfMatch.stale();
        }
        PolicyStore.Deleted outcome =
                ifMatch == null
                        ? (store.deletePolicy(queue)
                                ? PolicyStore.Deleted.DELETED
                                : PolicyStore.Deleted.ABSENT)
                        : store.deletePolicyIf(queue, current.tag());
        return switch (outcome) {
            case DELETED -> Response.noContent().build();
            case CHANGED -> throw IfMatch.stale();
            case ABSENT -> throw ApiException.unknownQueue(queue);
        };
    }

    private Versioned<Policy> versioned(String queue) {
        if (!QueueNames.valid(queue)) {
            throw ApiException.unknownQueue(queue);
        }
        return store.versionedPolicy(queue).orElseThrow(() -> ApiException.unknownQueue(queue));
    }
}
