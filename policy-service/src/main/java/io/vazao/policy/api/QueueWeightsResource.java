package io.vazao.policy.api;

import io.vazao.contract.Policy;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.store.PolicyStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The replaced system's flow-control endpoint, kept so its clients keep working. */
@Path("/api/queue-weights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "seed-compatible")
public class QueueWeightsResource {

    private final PolicyStore store;
    private final VazaoConfig config;

    public QueueWeightsResource(PolicyStore store, VazaoConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "Weight of every managed queue, as {\"queue\": weight}")
    public Map<String, Double> get() {
        Map<String, Double> out = new LinkedHashMap<>();
        store.policies().policies().forEach((q, p) -> out.put(q, p.weight()));
        return out;
    }

    @POST
    @Operation(
            summary = "Set weights; they must sum to 1 within 1e-6, queues not named keep theirs")
    public Map<String, Double> post(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody(
                            description =
                                    "{\"queue\": weight, ...}: numbers in (0, 1] summing to 1 within 1e-6",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = Map.class)))
                    byte[] body) {
        var json = JsonBody.object(contentType, body, config.api().maxBodyBytes());
        Map<String, Policy> policies = store.policies().policies();
        Map<String, Double> weights = WeightsValidator.validate(json, policies.keySet());
        Map<String, Policy> updated = new LinkedHashMap<>();
        weights.forEach((q, w) -> updated.put(q, policies.get(q).withWeight(w)));
        store.putPolicies(updated);
        return get();
    }
}
