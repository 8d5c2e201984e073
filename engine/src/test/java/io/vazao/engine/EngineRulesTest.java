package io.vazao.engine;

import static io.vazao.engine.Fixtures.adaptive;
import static io.vazao.engine.Fixtures.at;
import static io.vazao.engine.Fixtures.budget;
import static io.vazao.engine.Fixtures.inputs;
import static io.vazao.engine.Fixtures.only;
import static io.vazao.engine.Fixtures.queue;
import static io.vazao.engine.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.EventKind;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.Settings;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One rule at a time, each with the numbers it must produce and the reason it must give. */
class EngineRulesTest {

    private final AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();

    private Outcome decide(QueueSnapshot q, Policy p, History h, long second) {
        return engine.decide(snapshot(q), Map.of(q.queue(), p), budget(1000), h, at(second));
    }

    private static Policy withWindow(Policy p, int seconds) {
        return p.toBuilder().scaleDownStabilizationSeconds(seconds).build();
    }

    @Nested
    class ServiceRateRules {

        @Test
        void coldStartUsesExpectedRateThenMessagesPerWorkerPerTick() {
            // 6000 / 30 s = 200/s; expected 25/s → 8 workers
            Decision expected =
                    only(
                            decide(
                                    queue("q", inputs(6000, 0, 0, 0, null)),
                                    adaptive(1, 0, 50, 25.0, 30, 30),
                                    History.empty(),
                                    0));
            assertEquals(8, expected.demand());
            assertTrue(expected.reason().contains("25/s per worker (expected)"), expected.reason());
            // no expected rate: messagesPerWorker 200 per 1 s tick = 200/s → 1 worker
            Decision perTick =
                    only(
                            decide(
                                    queue("q", inputs(6000, 0, 0, 0, null)),
                                    adaptive(1, 0, 50, null, 30, 30),
                                    History.empty(),
                                    0));
            assertEquals(1, perTick.demand());
            assertTrue(
                    perTick.reason().contains("200/s per worker (messagesPerWorker per tick)"),
                    perTick.reason());
            // a 10 s tick (the seed's) makes it 20/s → 10 workers
            Decision seedTick =
                    only(
                            engine.decide(
                                    snapshot(queue("q", inputs(6000, 0, 0, 0, null))),
                                    Map.of("q", adaptive(1, 0, 50, null, 30, 30)),
                                    new Settings(1000, 10_000, 6000, 80, 512L << 20),
                                    History.empty(),
                                    at(0)));
            assertEquals(10, seedTick.demand());
        }

        /** A backlog waiting since t = 0 s, with 2 live workers measured at {@code rate}. */
        private History backlogged(Policy p, History h, long second, double rate) {
            return decide(queue("q", inputs(3000, 80, 0, 2, rate)), p, h, second).history();
        }

        @Test
        void saturatedMeasurementsAreSmoothed() {
            Policy p = adaptive(1, 0, 50, 100.0, 30, 30);
            // messages waiting for 10 s: 40/s per worker is the capacity
            History h = backlogged(p, backlogged(p, History.empty(), 0, 40.0), 10, 40.0);
            assertEquals(40.0, h.of("q").perWorkerRate(), 1e-9);
            Outcome o = decide(queue("q", inputs(3000, 80, 0, 2, 50.0)), p, h, 11);
            assertEquals(40 + ServiceRate.ALPHA * 10, o.history().of("q").perWorkerRate(), 1e-9);
            // (3080 / 30) / 43 = 2.39 → 3
            assertEquals(3, only(o).demand());
            assertTrue(only(o).reason().contains("43/s per worker (measured)"), only(o).reason());
        }

        /**
         * The ack rate is the broker's average over a statistics interval that may have ended
         * before the backlog began: a burst onto a queue whose one worker served a 20/s trickle
         * reads 20/s per worker on its first ticks. Below the estimate, it counts only once
         * messages have waited {@link ServiceRate#SATURATED_AFTER_MILLIS}.
         */
        @Test
        void aRateMeasuredBeforeTheBacklogBeganIsNotTheCapacity() {
            Policy p = adaptive(1, 0, 50, 100.0, 30, 30);
            record Row(String name, long[] backlogSeconds, Double learned) {}
            List<Row> rows =
                    List.of(
                            new Row("first tick of the backlog", new long[] {0}, null),
                            new Row("waiting 5 s", new long[] {0, 5}, null),
                            new Row("waiting 9 s", new long[] {0, 5, 9}, null),
                            new Row("waiting 10 s", new long[] {0, 5, 10}, 20.0),
                            new Row("a tick without a backlog restarts the wait", null, null));
            for (Row row : rows) {
                History h = History.empty();
                if (row.backlogSeconds() == null) {
                    h = backlogged(p, h, 0, 20.0);
                    h = decide(queue("q", inputs(0, 40, 20, 2, 20.0)), p, h, 5).history();
                    h = backlogged(p, h, 6, 20.0);
                    h = backlogged(p, h, 15, 20.0);
                } else {
                    for (long second : row.backlogSeconds()) {
                        h = backlogged(p, h, second, 20.0);
                    }
                }
                assertEquals(row.learned(), h.of("q").perWorkerRate(), row.name());
            }
            // not learned: the burst is sized at the expected 100/s, not at the trickle's 20/s
            Decision first =
                    only(decide(queue("q", inputs(3000, 80, 0, 2, 20.0)), p, History.empty(), 0));
            assertEquals(2, first.demand()); // (3080 / 30) / 100 = 1.03 → 2
            assertTrue(first.reason().contains("100/s per worker (expected)"), first.reason());
        }

        /**
         * A restarted policy service resumes from the published targets, not the learned rate
         * (History.resume): during a backlog it sizes with the expected rate again until the
         * workers have been saturated for {@link ServiceRate#SATURATED_AFTER_MILLIS}. The
         * scale-down window holds the published target meanwhile; with no window the target dips
         * for those seconds and comes back.
         */
        @Test
        void aRestartDuringABacklogRelearnsTheRateWhileTheWindowHoldsTheTarget() {
            record Row(int windowSeconds, int[] targetsAfterRestart) {}
            int[] held = new int[16];
            Arrays.fill(held, 11);
            int[] dipped = new int[16];
            Arrays.fill(dipped, 0, 10, 3);
            Arrays.fill(dipped, 10, 16, 11);
            for (Row row : List.of(new Row(30, held), new Row(0, dipped))) {
                Policy p = adaptive(1, 1, 50, 100.0, 30, row.windowSeconds());
                QueueSnapshot q = queue("q", inputs(6000, 80, 0, 10, 20.0));
                History h = History.empty();
                Outcome before = null;
                for (long second = 0; second <= 40; second++) {
                    before = decide(q, p, h, second);
                    h = before.history();
                }
                // (6080 / 30) / 20 = 10.1 -> 11 at the learned 20/s per worker
                assertEquals(11, only(before).target(), "before the restart");
                h = History.resume(Map.of("q", 11), at(100));
                int[] targets = new int[16];
                for (int i = 0; i < targets.length; i++) {
                    Outcome o = decide(q, p, h, 100 + i);
                    h = o.history();
                    targets[i] = only(o).target();
                    String rate = i < 10 ? "100/s per worker (expected)" : "per worker (measured)";
                    assertTrue(only(o).reason().contains(rate), i + " s: " + only(o).reason());
                }
                assertArrayEquals(
                        row.targetsAfterRestart(),
                        targets,
                        "window " + row.windowSeconds() + " s: " + Arrays.toString(targets));
            }
        }

        @Test
        void idleWorkersDoNotTeachALowRate() {
            Policy p = adaptive(1, 0, 50, 100.0, 30, 30);
            History h = backlogged(p, backlogged(p, History.empty(), 0, 40.0), 10, 40.0);
            // nothing waiting: 3/s per worker is the arrival rate, not the capacity
            History idle = decide(queue("q", inputs(0, 1, 6, 2, 3.0)), p, h, 11).history();
            assertEquals(40.0, idle.of("q").perWorkerRate(), 1e-9);
            // but an idle measurement above the estimate is a lower bound of the capacity
            History faster = decide(queue("q", inputs(0, 1, 6, 2, 60.0)), p, h, 11).history();
            assertEquals(40 + ServiceRate.ALPHA * 20, faster.of("q").perWorkerRate(), 1e-9);
        }
    }

    @Nested
    class Limits {

        @Test
        void clampToMax() {
            Decision d =
                    only(
                            decide(
                                    queue("q", inputs(100_000, 0, 0, 0, null)),
                                    adaptive(1, 1, 10, 10.0, 30, 30),
                                    History.empty(),
                                    0));
            assertEquals(334, d.demand());
            assertEquals(10, d.target());
            assertTrue(d.reason().contains("clamp [1, 10] -> 10"), d.reason());
        }

        @Test
        void rateLimitCapsButNeverBelowMin() {
            Policy limited = adaptive(1, 1, 50, 10.0, 30, 30).withRateLimit(35.0);
            Decision d =
                    only(
                            decide(
                                    queue("q", inputs(100_000, 0, 0, 0, null)),
                                    limited,
                                    History.empty(),
                                    0));
            assertEquals(4, d.target()); // ceil(35 / 10)
            assertTrue(d.reason().contains("rate limit 35/s / 10/s caps at 4"), d.reason());
            Policy minAbove =
                    Policy.builder(1)
                            .workers(6, 50)
                            .expectedRatePerWorker(10.0)
                            .rateLimitPerSecond(35.0)
                            .build();
            assertEquals(
                    6,
                    only(decide(
                                    queue("q", inputs(100_000, 0, 0, 0, null)),
                                    minAbove,
                                    History.empty(),
                                    0))
                            .target());
        }

        @Test
        void pausedGetsZeroWorkersEvenWithAMin() {
            Policy p = adaptive(1, 2, 10, 10.0, 30, 30).withPaused(true);
            History h = History.resume(Map.of("q", 5), at(0));
            Decision d = only(decide(queue("q", inputs(100_000, 0, 0, 5, null)), p, h, 1));
            assertEquals(0, d.target());
            assertEquals(EventKind.SCALE_DOWN, d.kind());
            assertTrue(d.reason().contains("paused"), d.reason());
        }

        /**
         * minWorkers 0 is scaling to zero, which the simulator's trade-off sweep counts on: an idle
         * queue keeps no worker, and the first message brings one back at the next tick.
         */
        @Test
        void minZeroLetsAnIdleQueueGoToZeroAndAMessageBringsAWorkerBack() {
            Policy p = withWindow(adaptive(1, 0, 50, 10.0, 30, 0), 0);
            long[] ready = {300, 0, 0, 0, 1, 0};
            int[] live = {1, 1, 1, 0, 0, 1};
            int[] expected = {1, 0, 0, 0, 1, 0};
            History h = History.empty();
            for (int s = 0; s < ready.length; s++) {
                Outcome o = decide(queue("q", inputs(ready[s], 0, 0, live[s], null)), p, h, s);
                assertEquals(
                        expected[s], only(o).target(), "second " + s + ": " + only(o).reason());
                h = o.history();
            }
        }

        @Test
        void minAboveMaxIsReported() {
            Policy p = Policy.builder(1).workers(8, 3).expectedRatePerWorker(10.0).build();
            Outcome o = decide(queue("q", inputs(0, 0, 0, 0, null)), p, History.empty(), 0);
            assertEquals(3, only(o).target());
            assertEquals(1, o.configErrors().size());
            assertTrue(
                    o.configErrors().get(0).contains("minWorkers 8 > maxWorkers 3"),
                    o.configErrors().get(0));
        }
    }

    @Nested
    class MissingInputs {

        @Test
        void withoutHistoryHoldTheLiveWorkersNotMin() {
            QueueSnapshot q =
                    new QueueSnapshot(
                            "q",
                            null,
                            List.of(
                                    new WorkerSample("w1", 10, 1),
                                    new WorkerSample("w2", 10, 1),
                                    new WorkerSample("w3", 10, 1)));
            Decision d = only(decide(q, adaptive(1, 1, 10, 10.0, 30, 30), History.empty(), 0));
            assertEquals(3, d.target());
            assertEquals(3, d.previous());
            assertEquals(EventKind.HOLD, d.kind());
            assertNull(d.inputs());
        }

        @Test
        void holdKeepsTheRateAndTheWindow() {
            Policy p = adaptive(1, 1, 10, 100.0, 30, 30);
            History h =
                    decide(queue("q", inputs(3000, 80, 0, 2, 40.0)), p, History.empty(), 0)
                            .history();
            History held = decide(queue("q", null), p, h, 1).history();
            assertEquals(h.of("q").perWorkerRate(), held.of("q").perWorkerRate());
            assertEquals(h.of("q").recommendations(), held.of("q").recommendations());
            assertEquals(h.of("q").lastTarget(), held.of("q").lastTarget());
        }

        @Test
        void aQueueWithoutPolicyIsHeldAndReported() {
            Outcome o =
                    engine.decide(
                            snapshot(queue("q", inputs(1, 0, 0, 0, null))),
                            Map.of(),
                            budget(10),
                            History.resume(Map.of("q", 4), at(0)),
                            at(1));
            assertEquals(4, only(o).target());
            assertEquals(EventKind.HOLD, only(o).kind());
            assertTrue(o.configErrors().get(0).contains("no policy"));
        }

        /**
         * Busy queue, all in flight: through AMQP alone it looks idle (unacked and rates read 0).
         */
        static QueueInputs amqpOnly(long ready, int consumers) {
            return new QueueInputs(
                    ready, 0, consumers, 0, 0, consumers, null, QueueInputs.SOURCE_AMQP);
        }

        @Test
        void partialFiguresNeverLowerATarget() {
            Policy noWindow = adaptive(1, 1, 10, 10.0, 30, 0);
            History at6 = History.resume(Map.of("q", 6), at(0));
            Decision d = only(decide(queue("q", amqpOnly(0, 6)), noWindow, at6, 1));
            assertEquals(6, d.target(), d.reason());
            assertTrue(d.reason().contains("figures partial"), d.reason());
            assertNull(d.kind(), "no change, no event");

            // The same figures from the management API do lower it: the rule is about what is
            // unknown.
            QueueInputs full =
                    new QueueInputs(0, 0, 6, 0, 0, 6, null, QueueInputs.SOURCE_MANAGEMENT);
            assertEquals(1, only(decide(queue("q", full), noWindow, at6, 1)).target());
        }

        @Test
        void partialFiguresStillRaiseATargetForTheReadyBacklog() {
            Policy noWindow = adaptive(1, 1, 10, 10.0, 30, 0);
            History at2 = History.resume(Map.of("q", 2), at(0));
            Decision d = only(decide(queue("q", amqpOnly(3_000, 2)), noWindow, at2, 1));
            assertEquals(10, d.target(), d.reason());
            assertEquals(EventKind.SCALE_UP, d.kind());
        }
    }

    @Nested
    class Stabilization {

        @Test
        void scaleUpIsImmediate() {
            Policy p = adaptive(1, 1, 50, 10.0, 10, 30);
            History h =
                    decide(queue("q", inputs(100, 0, 0, 1, null)), p, History.empty(), 0).history();
            Decision d = only(decide(queue("q", inputs(1000, 0, 0, 1, null)), p, h, 1));
            assertEquals(10, d.target());
            assertEquals(EventKind.SCALE_UP, d.kind());
        }

        @Test
        void scaleDownTakesTheHighestRecommendationInTheWindow() {
            Policy p = adaptive(1, 1, 50, 10.0, 10, 10);
            History h = History.empty();
            int[] demands = {9, 6, 7, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
            // window (t - 10 s, t]: the 9 of second 0 expires at 10, the 7 of second 2 at 12
            int[] expected = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 7, 7, 3, 3, 3};
            for (int s = 0; s < demands.length; s++) {
                Outcome o = decide(queue("q", inputs(demands[s] * 100L, 0, 0, 1, null)), p, h, s);
                assertEquals(
                        expected[s], only(o).target(), "second " + s + ": " + only(o).reason());
                h = o.history();
            }
        }

        @Test
        void panicHoldsAfterABurstEvenWithoutAWindow() {
            Policy p = withWindow(adaptive(1, 1, 50, 10.0, 10, 0), 0);
            History h =
                    decide(queue("q", inputs(100, 0, 0, 1, null)), p, History.empty(), 0).history();
            Outcome burst = decide(queue("q", inputs(2000, 0, 0, 1, null)), p, h, 1);
            assertEquals(20, only(burst).target());
            assertTrue(
                    only(burst).reason().contains("burst: 20 >= 2x current 1, panic for 6 s"),
                    only(burst).reason());
            h = burst.history();
            for (int s = 2; s <= 6; s++) {
                Outcome o = decide(queue("q", inputs(100, 0, 0, 20, null)), p, h, s);
                assertEquals(20, only(o).target(), "second " + s);
                assertTrue(only(o).reason().contains("panic until"), only(o).reason());
                h = o.history();
            }
            assertEquals(
                    1, only(decide(queue("q", inputs(100, 0, 0, 20, null)), p, h, 7)).target());
        }
    }

    @Nested
    class CpuAndMemory {

        private QueueSnapshot hot(long ready, double cpu, long rss) {
            return queue(
                    "q",
                    inputs(ready, 0, 0, 2, null),
                    List.of(new WorkerSample("w1", cpu, rss), new WorkerSample("w2", cpu, 100)));
        }

        @Test
        void hotWorkersWithAGrowingBacklogGetOneMore() {
            // 3500 / 60 s / 100/s = 0.58 → demand 1: only the CPU rule can add a worker
            Policy p = adaptive(1, 1, 10, 100.0, 60, 30);
            History h = decide(hot(3000, 50, 100), p, History.empty(), 0).history();
            assertEquals(1, h.of("q").lastTarget());
            Decision d = only(decide(hot(3500, 95, 100), p, h, 1));
            assertEquals(2, d.target());
            assertTrue(
                    d.reason()
                            .contains("workers at 95% CPU > 80% with backlog growing 3000 -> 3500"),
                    d.reason());
        }

        @Test
        void theExtraWorkerIsNotUndoneTheNextTick() {
            Policy p = adaptive(1, 1, 10, 100.0, 60, 30);
            History h = decide(hot(3000, 50, 100), p, History.empty(), 0).history();
            h = decide(hot(3500, 95, 100), p, h, 1).history();
            assertEquals(2, h.of("q").lastTarget());
            // next tick: CPU back to normal, backlog steady; demand alone says 1
            Decision d = only(decide(hot(3500, 40, 100), p, h, 2));
            assertEquals(2, d.target(), d.reason());
            assertTrue(d.reason().contains("keeping the highest of the last 30 s"), d.reason());
        }

        @Test
        void hotWorkersWithAShrinkingBacklogAreLeftAlone() {
            Policy p = adaptive(1, 1, 10, 100.0, 60, 30);
            History h = decide(hot(3000, 95, 100), p, History.empty(), 0).history();
            assertEquals(1, only(decide(hot(2900, 95, 100), p, h, 1)).target());
        }

        @Test
        void aWorkerAboveTheMemoryLimitIsRecycled() {
            Outcome o =
                    decide(
                            hot(0, 10, 600L << 20),
                            adaptive(1, 1, 10, 100.0, 30, 30),
                            History.empty(),
                            0);
            assertEquals(
                    List.of(new Recycle("q", "w1", "RSS 600 MiB > limit 512 MiB")), o.recycle());
        }

        @Test
        void hotHostBlocksScaleUpButNotScaleDown() {
            Policy p = adaptive(1, 1, 10, 10.0, 10, 0);
            History h = History.resume(Map.of("q", 3), at(0));
            Snapshot hotHost = new Snapshot(List.of(queue("q", inputs(1000, 0, 0, 3, null))), 97.5);
            Decision up = only(engine.decide(hotHost, Map.of("q", p), budget(100), h, at(1)));
            assertEquals(3, up.target());
            assertNull(up.kind());
            assertTrue(
                    up.reason().contains("host CPU 97.5% > 95%: scale-up held at 3"), up.reason());
            Snapshot idle = new Snapshot(List.of(queue("q", inputs(0, 0, 0, 3, null))), 97.5);
            assertEquals(
                    1, only(engine.decide(idle, Map.of("q", p), budget(100), h, at(100))).target());
        }
    }

    @Test
    void seedModeTargetsAreReservedBeforeAdaptiveQueuesShare() {
        Policy seed = Fixtures.seedPolicy(1.0, 1, 10, 200); // ready 1400 -> 1400 // 200 + 1 = 8
        Policy a = adaptive(1, 1, 20, 10.0, 10, 30);
        Policy b = adaptive(3, 1, 20, 10.0, 10, 30);
        Outcome o =
                engine.decide(
                        snapshot(
                                queue("s", inputs(1400, 0, 0, 1, null)),
                                queue("a", inputs(50_000, 0, 0, 1, null)),
                                queue("b", inputs(50_000, 0, 0, 1, null))),
                        Map.of("s", seed, "a", a, "b", b),
                        budget(16),
                        History.empty(),
                        at(0));
        assertEquals(8, o.decisions().get(0).target());
        assertEquals(2, o.decisions().get(1).target()); // 8 left, weights 1:3
        assertEquals(6, o.decisions().get(2).target());
        assertTrue(o.configErrors().isEmpty());
    }

    @Test
    void resumedHistoryNeitherJumpsFromZeroNorDropsBeforeTheWindow() {
        Policy p = adaptive(1, 1, 10, 10.0, 10, 30);
        History h = History.resume(Map.of("q", 6), at(0));
        Decision d = only(decide(queue("q", inputs(0, 0, 0, 6, null)), p, h, 1));
        assertEquals(6, d.target());
        assertEquals(6, d.previous());
        assertNull(d.kind());
        assertEquals(1, only(decide(queue("q", inputs(0, 0, 0, 6, null)), p, h, 30)).target());
    }

    @Test
    void decisionsFollowSnapshotOrderAndHistoryOnlyKeepsSnapshotQueues() {
        Policy p = adaptive(1, 1, 10, 10.0, 30, 30);
        History h = History.resume(Map.of("gone", 3, "b", 2), at(0));
        Outcome o =
                engine.decide(
                        snapshot(
                                queue("b", inputs(0, 0, 0, 0, null)),
                                queue("a", inputs(0, 0, 0, 0, null))),
                        Map.of("a", p, "b", p),
                        budget(10),
                        h,
                        at(1));
        assertEquals(List.of("b", "a"), o.decisions().stream().map(Decision::queue).toList());
        assertFalse(o.history().queues().containsKey("gone"));
    }

    @Test
    void theReasonReadsLikeASentence() {
        Policy p1 = Policy.builder(0.4).workers(1, 20).expectedRatePerWorker(250.0).build();
        Policy p2 = Policy.builder(0.6).workers(1, 20).expectedRatePerWorker(250.0).build();
        QueueInputs in = inputs(150_000, 0, 120, 0, null);
        Outcome o =
                engine.decide(
                        snapshot(queue("orders", in), queue("payments", in)),
                        Map.of("orders", p1, "payments", p2),
                        budget(10),
                        History.empty(),
                        Instant.EPOCH);
        assertEquals(
                "backlog 150000 (ready 150000 + unacked 0) / 30 s + 120/s arrivals -> demand 21 at 250/s per "
                        + "worker (expected); clamp [1, 20] -> 20; burst: 20 >= 2x current 0, panic for 6 s; "
                        + "budget 10 short: share 4 (weight 0.4)",
                o.decisions().get(0).reason());
    }
}
