package io.vazao.policy.api;

import io.vazao.contract.Policy;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.store.PolicyStore;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
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

    public PoliciesResource(PolicyStore store, VazaoConfig config) {
        this.store = store;
        this.config = config;
    }

    /** The body of {@code GET /api/v1/policies}. */
    public record PolicyList(Map<String, Policy> policies) {
    }

    @GET
    @Operation(summary = "Every managed queue's policy")
    public PolicyList list() {
        return new PolicyList(store.policies().policies());
    }

    @GET
    @Path("/{queue}")
    @Operation(summary = "One queue's policy")
    public Policy get(@PathParam("queue") String queue) {
        return existing(queue);
    }

    @PUT
    @Path("/{queue}")
    @Operation(summary = "Create or replace a queue's policy (the queue becomes managed)")
    public Response put(@PathParam("queue") String queue, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                        @RequestBody(description = "weight, minWorkers and maxWorkers required; see docs/api.md for every field's rule", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Policy.class))) byte[] body) {
        QueueNames.requireValid(queue);
        Policy policy = PolicyValidator.replacement(JsonBody.object(contentType, body, config.api().maxBodyBytes()));
        boolean existed = store.policy(queue).isPresent();
        store.putPolicy(queue, policy);
        return Response.status(existed ? 200 : 201).entity(policy).build();
    }

    @PATCH
    @Path("/{queue}")
    @Operation(summary = "Change some fields of a queue's policy")
    public Policy patch(@PathParam("queue") String queue, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                        @RequestBody(description = "any subset of the policy fields", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Policy.class))) byte[] body) {
        var json = JsonBody.object(contentType, body, config.api().maxBodyBytes());
        Policy updated = PolicyValidator.patch(existing(queue), json);
        store.putPolicy(queue, updated);
        return updated;
    }

    @DELETE
    @Path("/{queue}")
    @Operation(summary = "Stop managing a queue: removes its policy and its published target")
    public Response delete(@PathParam("queue") String queue) {
        existing(queue);
        store.deletePolicy(queue);
        return Response.noContent().build();
    }

    private Policy existing(String queue) {
        if (!QueueNames.valid(queue)) {
            throw ApiException.unknownQueue(queue);
        }
        return store.policy(queue).orElseThrow(() -> ApiException.unknownQueue(queue));
    }
}
