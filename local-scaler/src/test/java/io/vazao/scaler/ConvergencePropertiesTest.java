package io.vazao.scaler;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.maps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ConvergencePropertiesTest {

    static final long NOW = 10_000_000;
    static final List<String> QUEUES = List.of("a", "b", "c");

    record World(Map<String, Integer> targets, List<WorkerView> workers) {}

    static Gen<World> worlds() {
        Gen<String> queues = Generate.pick(QUEUES);
        Gen<Map<String, Integer>> targets =
                maps().of(queues, integers().between(0, 6)).ofSizeBetween(0, 3);
        Gen<Integer> kinds = integers().between(0, 3);
        Gen<Integer> ages = integers().between(0, 120);
        Gen<Integer> heartbeatAges = integers().between(0, 20);
        Gen<Boolean> recycles = Generate.booleans();
        Gen<WorkerView> worker =
                in -> {
                    String q = queues.generate(in);
                    int kind = kinds.generate(in);
                    int ageS = ages.generate(in);
                    int hbAgeS = heartbeatAges.generate(in);
                    boolean recycle = recycles.generate(in);
                    long started = NOW - ageS * 1000L;
                    return switch (kind) {
                        case 0 ->
                                new WorkerView(
                                        "",
                                        q,
                                        started,
                                        true,
                                        null,
                                        0,
                                        false,
                                        NOW - hbAgeS * 1000L,
                                        100,
                                        recycle);
                        case 1 ->
                                new WorkerView(
                                        "", q, started, true, null, 0, false, null, 0, false);
                        case 2 ->
                                new WorkerView(
                                        "", q, started, false, 137, 0, false, null, 0, false);
                        default ->
                                new WorkerView(
                                        "",
                                        q,
                                        started,
                                        true,
                                        null,
                                        NOW - hbAgeS * 1000L,
                                        false,
                                        NOW - 1000,
                                        0,
                                        false);
                    };
                };
        Gen<List<WorkerView>> workers =
                lists().of(worker)
                        .ofSizeBetween(0, 12)
                        .map(
                                ws -> {
                                    List<WorkerView> out = new ArrayList<>();
                                    for (int i = 0; i < ws.size(); i++) {
                                        WorkerView w = ws.get(i);
                                        out.add(
                                                new WorkerView(
                                                        "w" + i,
                                                        w.queue(),
                                                        w.startedAt(),
                                                        w.alive(),
                                                        w.exitCode(),
                                                        w.stopRequestedAt(),
                                                        w.killed(),
                                                        w.lastSeen(),
                                                        w.rssBytes(),
                                                        w.recycleRequested()));
                                    }
                                    return out;
                                });
        return targets.zip(workers, World::new);
    }

    static ScalerConfig config(int budget) {
        return ScalerConfig.defaults().withBudget(budget);
    }

    /**
     * Without a budget cap, a start cap or back-off, one tick brings every queue exactly to its
     * target.
     */
    @Test
    void convergesInOneTick() {
        qtAtLeast(1000)
                .forAll(worlds())
                .checkAssert(
                        w -> {
                            var plan = plan(w, true, config(0));
                            Map<String, Integer> after = activeAfter(w.workers(), plan);
                            for (String q : QUEUES) {
                                int target = w.targets().getOrDefault(q, 0);
                                int backedOff =
                                        plan.queues()
                                                                .getOrDefault(q, QueueState.FRESH)
                                                                .nextStartAt()
                                                        > NOW
                                                ? 1
                                                : 0;
                                int have = after.getOrDefault(q, 0);
                                if (backedOff == 0) {
                                    assertEquals(target, have, "queue " + q);
                                } else {
                                    assertTrue(have <= target);
                                }
                                assertEquals(
                                        have,
                                        plan.actual().getOrDefault(q, 0),
                                        "reported actual of " + q);
                            }
                        });
    }

    /** Starts never push the number of live processes (draining ones included) above the budget. */
    @Test
    void neverStartsBeyondTheBudget() {
        qtAtLeast(1000)
                .forAll(worlds(), integers().between(1, 8))
                .checkAssert(
                        (w, budget) -> {
                            var plan = plan(w, true, config(budget));
                            long alive = w.workers().stream().filter(WorkerView::alive).count();
                            long starts =
                                    plan.actions().stream()
                                            .filter(a -> a instanceof Action.Start)
                                            .count();
                            assertTrue(
                                    starts == 0 || alive + starts <= budget,
                                    "alive "
                                            + alive
                                            + " + starts "
                                            + starts
                                            + " > budget "
                                            + budget);
                        });
    }

    /** Growth never puts more than maxStarting workers in start-up at once; replacements may. */
    @Test
    void neverMoreThanMaxStartingInStartUp() {
        qtAtLeast(1000)
                .forAll(worlds(), integers().between(1, 4))
                .checkAssert(
                        (w, maxStarting) -> {
                            ScalerConfig cfg = ScalerConfig.defaults().withMaxStarting(maxStarting);
                            var plan = plan(w, true, cfg);
                            long growth =
                                    plan.actions().stream()
                                            .filter(
                                                    a ->
                                                            a instanceof Action.Start s
                                                                    && s.replaces() == null)
                                            .count();
                            int before = Convergence.starting(w.workers());
                            assertTrue(
                                    growth <= Math.max(0, maxStarting - before),
                                    growth
                                            + " new starts with "
                                            + before
                                            + " starting and a cap of "
                                            + maxStarting);
                        });
    }

    /** A queue is never scaled down and up in the same tick. */
    @Test
    void neverStopsForScaleDownAndStartsTheSameQueue() {
        qtAtLeast(1000)
                .forAll(worlds())
                .checkAssert(
                        w -> {
                            var plan = plan(w, true, config(0));
                            for (String q : QUEUES) {
                                boolean down =
                                        plan.actions().stream()
                                                .anyMatch(
                                                        a ->
                                                                a instanceof Action.Stop s
                                                                        && s.queue().equals(q)
                                                                        && s.cause()
                                                                                == StopCause
                                                                                        .SCALE_DOWN);
                                boolean up =
                                        plan.actions().stream()
                                                .anyMatch(
                                                        a ->
                                                                a instanceof Action.Start s
                                                                        && s.queue().equals(q));
                                assertTrue(!(down && up), "queue " + q);
                            }
                        });
    }

    /** With Redis gone (heartbeats unknown) nothing healthy-looking is stopped for staleness. */
    @Test
    void blindTicksNeverStopForStaleness() {
        qtAtLeast(1000)
                .forAll(worlds())
                .checkAssert(
                        w -> {
                            var plan = plan(w, false, config(0));
                            assertTrue(
                                    plan.actions().stream()
                                            .noneMatch(
                                                    a ->
                                                            a instanceof Action.Stop s
                                                                    && s.cause()
                                                                            == StopCause.STALE));
                        });
    }

    private static Convergence.Plan plan(World w, boolean heartbeatsKnown, ScalerConfig config) {
        return Convergence.plan(
                new Convergence.Input(
                        NOW, w.targets(), w.workers(), Map.of(), heartbeatsKnown, config));
    }

    private static Map<String, Integer> activeAfter(
            List<WorkerView> workers, Convergence.Plan plan) {
        Map<String, WorkerView> byId = new HashMap<>();
        workers.forEach(x -> byId.put(x.workerId(), x));
        Map<String, Integer> n = new HashMap<>();
        java.util.Set<String> stopped = new java.util.HashSet<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.Stop s) {
                stopped.add(s.workerId());
            }
        }
        for (WorkerView x : workers) {
            if (x.active() && !stopped.contains(x.workerId())) {
                n.merge(x.queue(), 1, Integer::sum);
            }
        }
        for (Action a : plan.actions()) {
            if (a instanceof Action.Start s) {
                n.merge(s.queue(), 1, Integer::sum);
            }
        }
        return n;
    }
}
