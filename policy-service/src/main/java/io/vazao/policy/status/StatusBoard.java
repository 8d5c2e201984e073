package io.vazao.policy.status;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import io.vazao.contract.Target;
import io.vazao.policy.store.PolicyStore;
import io.vazao.policy.store.StoredPolicies;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest status: published by the control loop after every tick, broadcast to SSE subscribers.
 * Before the first tick (or with the loop off) it is assembled from what Redis holds.
 */
@ApplicationScoped
public class StatusBoard {

    private final AtomicReference<Status> latest = new AtomicReference<>();
    private final BroadcastProcessor<Status> updates = BroadcastProcessor.create();
    private final PolicyStore store;
    private final Clock clock;

    public StatusBoard(PolicyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void publish(Status status) {
        latest.set(status);
        updates.onNext(status);
    }

    public Multi<Status> updates() {
        return updates;
    }

    public Status current() {
        Status s = latest.get();
        return s != null ? s : fromStore();
    }

    /** Status as Redis holds it: policies and the last published targets, no broker figures. */
    Status fromStore() {
        StoredPolicies stored = store.policies();
        Settings settings = store.settings();
        List<QueueStatus> queues = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Policy> e : stored.policies().entrySet()) {
            Target t = store.targetJson(e.getKey()).map(StatusBoard::readTarget).orElse(null);
            if (t != null) {
                total += t.target();
                var in = t.inputs();
                queues.add(
                        new QueueStatus(
                                e.getKey(),
                                in == null ? null : in.ready(),
                                in == null ? null : in.unacked(),
                                in == null ? null : in.consumers(),
                                in == null ? null : in.publishRate(),
                                in == null ? null : in.ackRate(),
                                t.target(),
                                in == null ? null : in.liveWorkers(),
                                null,
                                t.reason(),
                                t.computedAt(),
                                in == null ? null : in.source(),
                                e.getValue(),
                                t.budget()));
            } else {
                queues.add(
                        new QueueStatus(
                                e.getKey(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "no decision yet",
                                null,
                                null,
                                e.getValue(),
                                null));
            }
        }
        return new Status(
                clock.millis(),
                settings.maxTotalWorkers(),
                total,
                0,
                false,
                stored.errors(),
                queues);
    }

    private static Target readTarget(String json) {
        try {
            return Json.read(json, Target.class);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
