package io.vazao.scaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceTest {

    static final long NOW = 1_000_000;
    static final ScalerConfig CFG = ScalerConfig.defaults();

    static WorkerView running(String id, String queue, long startedAt) {
        return new WorkerView(
                id, queue, startedAt, true, null, 0, false, NOW - 500, 200L << 20, false);
    }

    static WorkerView starting(String id, String queue, long startedAt) {
        return new WorkerView(id, queue, startedAt, true, null, 0, false, null, 0, false);
    }

    static Convergence.Plan plan(Map<String, Integer> targets, List<WorkerView> workers) {
        return plan(targets, workers, Map.of(), true, CFG);
    }

    static Convergence.Plan plan(
            Map<String, Integer> targets,
            List<WorkerView> workers,
            Map<String, QueueState> queues,
            boolean heartbeats,
            ScalerConfig cfg) {
        return Convergence.plan(
                new Convergence.Input(NOW, targets, workers, queues, heartbeats, cfg));
    }

    static <T> List<T> of(Convergence.Plan p, Class<T> type) {
        List<T> out = new ArrayList<>();
        p.actions().stream().filter(type::isInstance).map(type::cast).forEach(out::add);
        return out;
    }

    @Test
    void startsTheWholeDeficitInOneTick() {
        var p = plan(Map.of("q", 3), List.of());
        assertEquals(3, of(p, Action.Start.class).size());
        assertEquals(Map.of("q", 3), p.actual());
    }

    @Test
    void scaleDownStopsWorkersStillStartingFirstThenTheYoungest() {
        var p =
                plan(
                        Map.of("q", 1),
                        List.of(
                                running("old", "q", 1),
                                running("young", "q", 5),
                                starting("boot", "q", NOW - 1000)));
        var stops = of(p, Action.Stop.class);
        assertEquals(List.of("boot", "young"), stops.stream().map(Action.Stop::workerId).toList());
        assertTrue(stops.stream().allMatch(s -> s.cause() == StopCause.SCALE_DOWN));
        assertEquals(Map.of("q", 1), p.actual());
    }

    @Test
    void aCrashedWorkerIsReportedAndReplacedAtOnce() {
        var dead = new WorkerView("w1", "q", 1, false, 137, 0, false, NOW - 3000, 0, false);
        var p = plan(Map.of("q", 2), List.of(dead, running("w2", "q", 2)));
        var reap = of(p, Action.Reap.class);
        assertEquals(1, reap.size());
        assertEquals(EventKind.CRASHED, reap.get(0).kind());
        var starts = of(p, Action.Start.class);
        assertEquals(1, starts.size());
        assertEquals("w1", starts.get(0).replaces());
        assertEquals(1, p.queues().get("q").failures());
    }

    @Test
    void repeatedCrashesAreBackedOff() {
        var dead = new WorkerView("w3", "q", NOW - 2000, false, 1, 0, false, null, 0, false);
        var previous = new QueueState(1, NOW - 5000, 0, List.of());
        var p = plan(Map.of("q", 1), List.of(dead), Map.of("q", previous), true, CFG);
        assertEquals(0, of(p, Action.Start.class).size(), "second failure in a row waits");
        QueueState qs = p.queues().get("q");
        assertEquals(2, qs.failures());
        assertEquals(NOW + 1_000, qs.nextStartAt());
        assertEquals(List.of("w3"), qs.owed());
        // once the back-off has passed, the replacement starts and the debt is paid
        var later =
                Convergence.plan(
                        new Convergence.Input(
                                NOW + 1_000, Map.of("q", 1), List.of(), p.queues(), true, CFG));
        var starts = of(later, Action.Start.class);
        assertEquals(1, starts.size());
        assertEquals("w3", starts.get(0).replaces());
        assertTrue(later.queues().get("q").owed().isEmpty());
    }

    @Test
    void backoffDoublesUpToTheCeiling() {
        assertEquals(0, CFG.backoffMillis(1));
        assertEquals(1_000, CFG.backoffMillis(2));
        assertEquals(2_000, CFG.backoffMillis(3));
        assertEquals(16_000, CFG.backoffMillis(6));
        assertEquals(30_000, CFG.backoffMillis(7));
        assertEquals(30_000, CFG.backoffMillis(60));
    }

    @Test
    void aHeartbeatAfterTheLastFailureResetsTheBackoff() {
        var fresh = running("w9", "q", NOW - 4000);
        var p =
                plan(
                        Map.of("q", 1),
                        List.of(fresh),
                        Map.of("q", new QueueState(4, NOW - 5000, NOW + 9000, List.of())),
                        true,
                        CFG);
        assertEquals(0, p.queues().get("q").failures());
    }

    @Test
    void aWorkerThatDoesNotDrainInTimeIsKilled() {
        var slow =
                new WorkerView("w1", "q", 1, true, null, NOW - 36_000, false, NOW - 500, 0, false);
        var p = plan(Map.of("q", 0), List.of(slow));
        assertEquals(
                List.of("w1"),
                of(p, Action.Kill.class).stream().map(Action.Kill::workerId).toList());
        var killedAlready =
                new WorkerView("w1", "q", 1, true, null, NOW - 36_000, true, NOW - 500, 0, false);
        assertEquals(0, of(plan(Map.of("q", 0), List.of(killedAlready)), Action.Kill.class).size());
    }

    @Test
    void aStaleWorkerIsStoppedAndReplacedButOnlyWhenHeartbeatsCanBeTrusted() {
        var stale = new WorkerView("w1", "q", 1, true, null, 0, false, NOW - 7_000, 0, false);
        var p = plan(Map.of("q", 1), List.of(stale));
        var stops = of(p, Action.Stop.class);
        assertEquals(StopCause.STALE, stops.get(0).cause());
        assertEquals("w1", of(p, Action.Start.class).get(0).replaces());

        var blind = plan(Map.of("q", 1), List.of(stale), Map.of(), false, CFG);
        assertTrue(blind.actions().isEmpty(), "Redis gone: keep the processes as they are");
    }

    @Test
    void aWorkerWithoutHeartbeatIsStaleOnlyAfterTheStartupTimeout() {
        assertEquals(
                0,
                plan(Map.of("q", 1), List.of(starting("w", "q", NOW - 60_000))).actions().size());
        assertEquals(
                StopCause.STALE,
                of(
                                plan(Map.of("q", 1), List.of(starting("w", "q", NOW - 91_000))),
                                Action.Stop.class)
                        .get(0)
                        .cause());
    }

    @Test
    void aWorkerAboveTheMemoryLimitIsRecycled() {
        var fat = new WorkerView("w1", "q", 1, true, null, 0, false, NOW - 100, 600L << 20, false);
        var p = plan(Map.of("q", 1), List.of(fat));
        assertEquals(StopCause.RECYCLE_MEMORY, of(p, Action.Stop.class).get(0).cause());
        assertEquals("w1", of(p, Action.Start.class).get(0).replaces());
        assertEquals(0, p.queues().get("q").failures(), "recycling is not a failure");
    }

    @Test
    void aRecycleRequestFromThePolicyIsHonoured() {
        var asked = new WorkerView("w1", "q", 1, true, null, 0, false, NOW - 100, 1, true);
        assertEquals(
                StopCause.RECYCLE_REQUESTED,
                of(plan(Map.of("q", 1), List.of(asked)), Action.Stop.class).get(0).cause());
    }

    @Test
    void theBudgetCapsProcessesCountingDrainingOnesAndIsSharedRoundRobin() {
        var draining =
                new WorkerView("d", "a", 1, true, null, NOW - 100, false, NOW - 100, 0, false);
        var p = plan(Map.of("a", 4, "b", 4), List.of(draining), Map.of(), true, CFG.withBudget(6));
        var starts = of(p, Action.Start.class);
        assertEquals(5, starts.size());
        assertEquals(3, starts.stream().filter(s -> s.queue().equals("a")).count());
        assertEquals(2, starts.stream().filter(s -> s.queue().equals("b")).count());
    }

    @Test
    void workersOfAQueueWithoutTargetAreStopped() {
        var p = plan(Map.of(), List.of(running("w", "gone", 1)));
        assertEquals(1, of(p, Action.Stop.class).size());
        assertEquals(Map.of("gone", 0), p.actual());
    }

    @Test
    void aWorkerThatExitsAfterSigtermIsReportedStoppedAndNotReplaced() {
        var done = new WorkerView("w", "q", 1, false, 0, NOW - 2000, false, NOW - 2500, 0, false);
        var p = plan(Map.of("q", 0), List.of(done));
        assertEquals(EventKind.STOPPED, of(p, Action.Reap.class).get(0).kind());
        assertEquals(0, of(p, Action.Start.class).size());
    }

    @Test
    void actionsComeInOrderReapKillStopStart() {
        var dead = new WorkerView("x", "q", 1, false, 1, 0, false, null, 0, false);
        var slow =
                new WorkerView("s", "r", 1, true, null, NOW - 40_000, false, NOW - 500, 0, false);
        var p =
                plan(
                        Map.of("q", 1, "r", 0, "t", 1),
                        List.of(running("t1", "t", 1), running("t2", "t", 2), slow, dead));
        List<Integer> ranks =
                p.actions().stream()
                        .map(
                                a ->
                                        a instanceof Action.Reap
                                                ? 0
                                                : a instanceof Action.Kill
                                                        ? 1
                                                        : a instanceof Action.Stop ? 2 : 3)
                        .toList();
        List<Integer> sorted = new ArrayList<>(ranks);
        sorted.sort(Integer::compare);
        assertEquals(sorted, ranks);
    }

    static ScalerConfig capped(int maxStarting) {
        return ScalerConfig.defaults().withMaxStarting(maxStarting);
    }

    record StartCap(
            String name,
            int maxStarting,
            Map<String, Integer> targets,
            List<WorkerView> workers,
            Map<String, Long> startsPerQueue) {}

    @Test
    void growthStartsAtMostMaxStartingWorkersInStartUpAtOnce() {
        var crashed = new WorkerView("dead", "q", 1, false, 137, 0, false, NOW - 3000, 0, false);
        var leaving =
                new WorkerView(
                        "leaving", "q", NOW - 2000, true, null, NOW - 1000, false, null, 0, false);
        List<StartCap> table =
                List.of(
                        new StartCap(
                                "no cap: the whole deficit",
                                0,
                                Map.of("q", 5),
                                List.of(),
                                Map.of("q", 5L)),
                        new StartCap(
                                "cap 2, none starting",
                                2,
                                Map.of("q", 5),
                                List.of(),
                                Map.of("q", 2L)),
                        new StartCap(
                                "cap 2, one starting",
                                2,
                                Map.of("q", 5),
                                List.of(starting("s1", "q", NOW - 1000)),
                                Map.of("q", 1L)),
                        new StartCap(
                                "cap 2, two starting: wait for a heartbeat",
                                2,
                                Map.of("q", 5),
                                List.of(
                                        starting("s1", "q", NOW - 1000),
                                        starting("s2", "q", NOW - 900)),
                                Map.of()),
                        new StartCap(
                                "heartbeating workers do not count",
                                2,
                                Map.of("q", 5),
                                List.of(running("r1", "q", 1), running("r2", "q", 2)),
                                Map.of("q", 2L)),
                        new StartCap(
                                "a worker asked to stop does not count",
                                1,
                                Map.of("q", 3),
                                List.of(leaving),
                                Map.of("q", 1L)),
                        new StartCap(
                                "the slots are shared round-robin",
                                2,
                                Map.of("a", 3, "b", 3),
                                List.of(),
                                Map.of("a", 1L, "b", 1L)),
                        new StartCap(
                                "a replacement does not wait for a slot",
                                1,
                                Map.of("q", 3),
                                List.of(crashed, starting("s1", "q", NOW - 1000)),
                                Map.of("q", 1L)));
        for (StartCap c : table) {
            var p = plan(c.targets(), c.workers(), Map.of(), true, capped(c.maxStarting()));
            Map<String, Long> starts = new java.util.TreeMap<>();
            of(p, Action.Start.class).forEach(s -> starts.merge(s.queue(), 1L, Long::sum));
            assertEquals(new java.util.TreeMap<>(c.startsPerQueue()), starts, c.name());
        }
    }

    @Test
    void deferredStartsAreNotReportedAsRunning() {
        var p = plan(Map.of("q", 5), List.of(running("r", "q", 1)), Map.of(), true, capped(2));
        assertEquals(Map.of("q", 3), p.actual());
    }
}
