package io.vazao.policy.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.Json;
import io.vazao.contract.Settings;
import io.vazao.policy.heartbeat.HeartbeatReader;
import io.vazao.policy.store.PolicyStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every worker the heartbeat indexes of the managed queues name, fresh or stale. */
@Path("/api/v1/workers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "workers")
public class WorkersResource {

    private final PolicyStore store;
    private final HeartbeatReader heartbeats;
    private final Clock clock;

    public WorkersResource(PolicyStore store, HeartbeatReader heartbeats, Clock clock) {
        this.store = store;
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    public record Workers(List<ObjectNode> workers) {}

    @GET
    @Operation(summary = "Heartbeat fields of every worker, with ageMillis and stale")
    public Workers workers() {
        Settings settings = store.settings();
        long now = clock.millis();
        List<ObjectNode> out = new ArrayList<>();
        for (String queue : store.policies().policies().keySet()) {
            for (Heartbeat hb : heartbeats.workers(queue, 0)) {
                ObjectNode node = Json.mapper().valueToTree(hb);
                long age = hb.ageMillis(now);
                node.put("ageMillis", age);
                node.put("stale", age > settings.heartbeatTimeoutMillis());
                out.add(node);
            }
        }
        return new Workers(out);
    }
}
