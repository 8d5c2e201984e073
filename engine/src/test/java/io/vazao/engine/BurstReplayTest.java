package io.vazao.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.EventKind;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays {@code traces/burst.json} (one snapshot per 1 s tick) through the engine: the targets
 * rise in the tick the burst shows up, never fall inside the stabilization window, fall once it has
 * passed, and hold through the management outage in the trace.
 */
class BurstReplayTest {

    /**
     * The trace file: policies, budget and one snapshot per tick (a null queue = inputs missing).
     */
    record Trace(
            String description,
            long tickMillis,
            int budget,
            Map<String, Policy> policies,
            List<Tick> ticks) {}

    record Tick(long t, Double hostCpuPercent, Map<String, QueueInputs> queues) {}

    /** One queue's decisions over the replay, by tick. */
    record Replay(List<Decision> decisions) {}

    static Trace load(String name) throws IOException {
        try (InputStream in = BurstReplayTest.class.getResourceAsStream("/traces/" + name)) {
            assertNotNull(in, name);
            return Json.mapper().readValue(in, Trace.class);
        }
    }

    static Map<String, List<Decision>> replay(Trace trace) {
        AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();
        Settings settings =
                new Settings(
                        trace.budget(),
                        trace.tickMillis(),
                        Settings.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS,
                        Settings.DEFAULT_CPU_HIGH_PERCENT,
                        Settings.DEFAULT_MAX_MEMORY_PER_WORKER_BYTES);
        History history = History.empty();
        Map<String, List<Decision>> byQueue = new java.util.LinkedHashMap<>();
        trace.policies().keySet().forEach(q -> byQueue.put(q, new ArrayList<>()));
        for (Tick tick : trace.ticks()) {
            List<QueueSnapshot> queues = new ArrayList<>();
            tick.queues().forEach((q, in) -> queues.add(new QueueSnapshot(q, in, List.of())));
            Outcome o =
                    engine.decide(
                            new Snapshot(queues, tick.hostCpuPercent()),
                            trace.policies(),
                            settings,
                            history,
                            Fixtures.T0.plusMillis(tick.t() * trace.tickMillis()));
            assertTrue(o.configErrors().isEmpty(), o.configErrors().toString());
            o.decisions().forEach(d -> byQueue.get(d.queue()).add(d));
            history = o.history();
        }
        return byQueue;
    }

    @Test
    void aBurstIsFollowedWithinOneTickAndReleasedOnlyAfterTheWindow() throws IOException {
        Trace trace = load("burst.json");
        Map<String, List<Decision>> replay = replay(trace);
        for (Map.Entry<String, List<Decision>> e : replay.entrySet()) {
            String queue = e.getKey();
            List<Decision> ds = e.getValue();
            Policy p = trace.policies().get(queue);
            int window = p.scaleDownStabilizationSeconds();

            // The tick the burst becomes visible: depth jumps at least tenfold.
            int burst = -1;
            for (int t = 1; t < ds.size() && burst < 0; t++) {
                QueueInputs before = trace.ticks().get(t - 1).queues().get(queue);
                QueueInputs now = trace.ticks().get(t).queues().get(queue);
                if (before != null
                        && now != null
                        && now.depth() >= 10 * Math.max(1, before.depth())) {
                    burst = t;
                }
            }
            assertTrue(burst > 0, "the trace has a burst");
            Decision up = ds.get(burst);
            assertTrue(
                    up.target() > ds.get(burst - 1).target(),
                    queue + " rises in the burst tick: " + up.reason());
            assertEquals(EventKind.SCALE_UP, up.kind());
            assertEquals(p.maxWorkers(), up.target(), up.reason());

            // Every tick: the target is the highest clamped recommendation of (t - window, t];
            // in particular it never falls while a higher recommendation is inside the window.
            int lastPeak = burst;
            int firstFall = -1;
            for (int t = 0; t < ds.size(); t++) {
                Decision d = ds.get(t);
                if (d.inputs() == null) {
                    assertEquals(EventKind.HOLD, d.kind(), "t=" + t);
                    assertEquals(
                            ds.get(t - 1).target(), d.target(), "t=" + t + " holds: " + d.reason());
                    continue;
                }
                int expected = 0;
                for (int s = Math.max(0, t - window + 1); s <= t; s++) {
                    Decision prior = ds.get(s);
                    if (prior.inputs() != null) {
                        expected =
                                Math.max(
                                        expected,
                                        Math.max(
                                                p.minWorkers(),
                                                Math.min(p.maxWorkers(), prior.demand())));
                    }
                }
                assertEquals(expected, d.target(), queue + " t=" + t + ": " + d.reason());
                if (Math.min(p.maxWorkers(), d.demand()) >= p.maxWorkers()) {
                    lastPeak = t;
                }
                if (t > burst && d.target() < ds.get(t - 1).target() && firstFall < 0) {
                    firstFall = t;
                    assertEquals(EventKind.SCALE_DOWN, d.kind());
                }
            }
            assertTrue(
                    firstFall >= lastPeak + window,
                    queue
                            + ": first fall at "
                            + firstFall
                            + " s, last peak at "
                            + lastPeak
                            + " s, window "
                            + window);
            Decision last = ds.get(ds.size() - 1);
            assertEquals(
                    p.minWorkers(), last.target(), queue + " is back at min: " + last.reason());
            assertNull(last.kind());
        }
    }
}
