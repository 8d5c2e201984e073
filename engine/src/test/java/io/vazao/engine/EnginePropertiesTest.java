package io.vazao.engine;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.vazao.contract.Mode;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.Settings;
import io.vazao.testsupport.Generators;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Invariants of the engine over random queues, loads, policies and budgets. */
class EnginePropertiesTest {

    /** Examples per property unless it says otherwise. */
    private static final int EXAMPLES = 1000;

    private final AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();

    /** One random queue: its policy and this tick's inputs. */
    record Q(
            double weight,
            int min,
            int max,
            double rate,
            long ready,
            long unacked,
            double publish,
            int drain,
            Double rateLimit,
            Mode mode,
            boolean paused,
            boolean missing,
            int lastTarget) {}

    record World(List<Q> queues, int budget) {

        Snapshot snapshot() {
            List<QueueSnapshot> qs = new ArrayList<>();
            for (int i = 0; i < queues.size(); i++) {
                Q q = queues.get(i);
                QueueInputs in =
                        q.missing
                                ? null
                                : new QueueInputs(
                                        q.ready, q.unacked, 1, q.publish, 0, 1, null, "management");
                qs.add(new QueueSnapshot(name(i), in, List.of()));
            }
            return new Snapshot(qs, null);
        }

        Map<String, Policy> policies() {
            Map<String, Policy> m = new LinkedHashMap<>();
            for (int i = 0; i < queues.size(); i++) {
                Q q = queues.get(i);
                m.put(
                        name(i),
                        Policy.builder(q.weight)
                                .workers(q.min, q.max)
                                .targetDrainSeconds(q.drain)
                                .expectedRatePerWorker(q.rate)
                                .rateLimitPerSecond(q.rateLimit)
                                .paused(q.paused)
                                .mode(q.mode)
                                .build());
            }
            return m;
        }

        /**
         * Last targets for the queues whose inputs are missing (held queues need something to
         * hold).
         */
        History history() {
            Map<String, Integer> last = new LinkedHashMap<>();
            for (int i = 0; i < queues.size(); i++) {
                if (queues.get(i).missing) {
                    last.put(name(i), queues.get(i).lastTarget);
                }
            }
            return History.resume(last, Fixtures.T0.minusSeconds(60));
        }

        Settings settings() {
            return Fixtures.budget(budget);
        }

        int sumOfMins() {
            return queues.stream().mapToInt(Q::min).sum();
        }
    }

    static String name(int i) {
        return "q"
                + (char) ('a' + (i * 7) % 26)
                + i; // names not in index order, to exercise the tie-break
    }

    private static Gen<Q> queues(boolean anyKind) {
        Gen<Double> weight = Generators.decimals(0.05, 5, 2);
        Gen<Integer> min = integers().between(0, 4);
        Gen<Integer> span = integers().between(0, 25);
        Gen<Double> rate = Generators.decimals(1, 500, 1);
        Gen<Long> ready = longs().between(0, 200_000);
        Gen<Long> unacked = longs().between(0, 5_000);
        Gen<Double> publish = Generators.decimals(0, 3000, 1);
        Gen<Integer> drain = integers().between(1, 120);
        Gen<Q> plain =
                in -> {
                    int lo = min.generate(in);
                    return new Q(
                            weight.generate(in),
                            lo,
                            lo + span.generate(in),
                            rate.generate(in),
                            ready.generate(in),
                            unacked.generate(in),
                            publish.generate(in),
                            drain.generate(in),
                            null,
                            Mode.ADAPTIVE,
                            false,
                            false,
                            0);
                };
        if (!anyKind) {
            return plain;
        }
        Gen<Double> rateLimit =
                Generators.decimals(1, 5000, 0).mix(Generate.constant((Double) null), 60);
        Gen<Mode> mode =
                Generate.pick(List.of(Mode.ADAPTIVE, Mode.ADAPTIVE, Mode.ADAPTIVE, Mode.SEED));
        Gen<Boolean> paused = Generate.pick(List.of(false, false, false, false, true));
        Gen<Boolean> missing = Generate.pick(List.of(false, false, false, false, true));
        Gen<Integer> last = integers().between(0, 30);
        return in -> {
            Q q = plain.generate(in);
            return new Q(
                    q.weight,
                    q.min,
                    q.max,
                    q.rate,
                    q.ready,
                    q.unacked,
                    q.publish,
                    q.drain,
                    rateLimit.generate(in),
                    mode.generate(in),
                    paused.generate(in),
                    missing.generate(in),
                    last.generate(in));
        };
    }

    static Gen<World> anyWorld() {
        return lists().of(queues(true))
                .ofSizeBetween(1, 12)
                .zip(integers().between(0, 80), World::new);
    }

    /** Adaptive queues only, mins within the budget. */
    static Gen<World> feasibleWorld() {
        return lists().of(queues(false))
                .ofSizeBetween(1, 12)
                .zip(integers().between(0, 80), World::new)
                .assuming(w -> w.sumOfMins() <= w.budget());
    }

    private Outcome decide(World w) {
        return engine.decide(w.snapshot(), w.policies(), w.settings(), w.history(), Fixtures.T0);
    }

    /** What each queue asks for when the budget does not bind. */
    private int[] wants(World w) {
        Outcome free =
                engine.decide(
                        w.snapshot(),
                        w.policies(),
                        w.settings().withMaxTotalWorkers(Integer.MAX_VALUE),
                        w.history(),
                        Fixtures.T0);
        return free.decisions().stream().mapToInt(Decision::target).toArray();
    }

    @Test
    void theSumOfTargetsNeverExceedsTheBudget() {
        qtAtLeast(EXAMPLES)
                .forAll(anyWorld())
                .checkAssert(
                        w -> {
                            Outcome o = decide(w);
                            int sum = o.decisions().stream().mapToInt(Decision::target).sum();
                            assertTrue(
                                    sum <= w.budget(),
                                    () -> "sum " + sum + " > budget " + w.budget());
                            o.decisions().forEach(d -> assertTrue(d.target() >= 0));
                        });
    }

    @Test
    void targetsStayWithinMinAndMaxWhenFeasible() {
        qtAtLeast(EXAMPLES)
                .forAll(feasibleWorld())
                .checkAssert(
                        w -> {
                            Outcome o = decide(w);
                            assertTrue(
                                    o.configErrors().isEmpty(), () -> o.configErrors().toString());
                            for (int i = 0; i < w.queues().size(); i++) {
                                Q q = w.queues().get(i);
                                int t = o.decisions().get(i).target();
                                assertTrue(
                                        q.min() <= t && t <= q.max(),
                                        "queue "
                                                + i
                                                + ": "
                                                + t
                                                + " not in ["
                                                + q.min()
                                                + ", "
                                                + q.max()
                                                + "]");
                            }
                        });
    }

    /**
     * Against an independent reference: the continuous weighted max-min share found by bisection on
     * the water level. Every integer target lies within one worker of it.
     */
    @Test
    void underContentionTargetsFollowTheWeightsWithinOneWorker() {
        AtomicInteger tried = new AtomicInteger();
        AtomicInteger bound = new AtomicInteger();
        qtAtLeast(EXAMPLES)
                .forAll(feasibleWorld())
                .checkAssert(
                        w -> {
                            int[] want = wants(w);
                            Outcome o = decide(w);
                            int n = want.length;
                            long sumWant = 0;
                            for (int x : want) {
                                sumWant += x;
                            }
                            tried.incrementAndGet();
                            if (sumWant > w.budget()) {
                                bound.incrementAndGet();
                            }
                            if (sumWant <= w.budget()) {
                                for (int i = 0; i < n; i++) {
                                    assertEquals(want[i], o.decisions().get(i).target());
                                }
                                return;
                            }
                            double level =
                                    WaterLevel.find(
                                            w.budget(),
                                            n,
                                            (i, mid) -> share(w.queues().get(i), want[i], mid));
                            int total = 0;
                            for (int i = 0; i < n; i++) {
                                double ideal = share(w.queues().get(i), want[i], level);
                                int t = o.decisions().get(i).target();
                                total += t;
                                assertTrue(
                                        Math.abs(t - ideal) < 1 + 1e-6,
                                        "queue " + i + ": target " + t + ", fair share " + ideal);
                            }
                            assertEquals(w.budget(), total);
                        });
        // the comparison with the reference is only worth something if the budget often binds
        assertTrue(
                bound.get() * 100 > 30 * tried.get(),
                "budget binds in " + bound + " of " + tried + " examples");
    }

    private static double share(Q q, int want, double level) {
        return Math.min(want, Math.max(q.min(), q.weight() * level));
    }

    @Test
    void noQueueGetsMoreThanItNeedsWhileAnotherIsShort() {
        qtAtLeast(EXAMPLES)
                .forAll(feasibleWorld())
                .checkAssert(
                        w -> {
                            int[] want = wants(w);
                            Outcome o = decide(w);
                            int n = want.length;
                            boolean someoneShort = false;
                            int total = 0;
                            for (int i = 0; i < n; i++) {
                                int t = o.decisions().get(i).target();
                                total += t;
                                assertTrue(
                                        t <= want[i],
                                        "queue " + i + " got " + t + " > its demand " + want[i]);
                                someoneShort |= t < want[i];
                            }
                            if (!someoneShort) {
                                return;
                            }
                            // Work-conserving: the budget is used up while someone is short.
                            assertEquals(w.budget(), total);
                            // And nobody above its minimum holds more than its weighted share
                            // relative to a short queue.
                            for (int j = 0; j < n; j++) {
                                int tj = o.decisions().get(j).target();
                                if (tj >= want[j]) {
                                    continue;
                                }
                                for (int i = 0; i < n; i++) {
                                    int ti = o.decisions().get(i).target();
                                    if (i == j || ti <= w.queues().get(i).min()) {
                                        continue;
                                    }
                                    double wi = w.queues().get(i).weight();
                                    double wj = w.queues().get(j).weight();
                                    assertTrue(
                                            (ti - 1) / wi < (tj + 1) / wj + 1e-9,
                                            "queue "
                                                    + i
                                                    + " ("
                                                    + ti
                                                    + ", weight "
                                                    + wi
                                                    + ") over its share while queue "
                                                    + j
                                                    + " ("
                                                    + tj
                                                    + ", weight "
                                                    + wj
                                                    + ") is short of "
                                                    + want[j]);
                                }
                            }
                        });
    }

    /**
     * One queue, ample budget, demand set exactly to k workers each second: the target is the
     * highest clamped demand of the window (t - W, t] — up at once, down only when the window has
     * passed.
     */
    @Test
    void noScaleDownBeforeTheWindow() {
        Gen<List<Integer>> demandPerSecond =
                lists().of(integers().between(0, 30)).ofSizeBetween(2, 90);
        Gen<Integer> windows = integers().between(6, 45);
        Gen<Integer> mins = integers().between(0, 3);
        qtAtLeast(300)
                .forAll(demandPerSecond, windows, mins)
                .checkAssert(
                        (demands, windowSeconds, min) -> {
                            int max = 25;
                            Policy p =
                                    Policy.builder(1)
                                            .workers(min, max)
                                            .targetDrainSeconds(10)
                                            .expectedRatePerWorker(10.0)
                                            .scaleDownStabilizationSeconds(windowSeconds)
                                            .build();
                            History h = History.empty();
                            int previous = -1;
                            for (int t = 0; t < demands.size(); t++) {
                                // (100k / 10 s) / 10/s = k workers exactly
                                QueueInputs in =
                                        new QueueInputs(
                                                100L * demands.get(t),
                                                0,
                                                1,
                                                0,
                                                0,
                                                1,
                                                null,
                                                "management");
                                Outcome o =
                                        engine.decide(
                                                new Snapshot(
                                                        List.of(
                                                                new QueueSnapshot(
                                                                        "q", in, List.of())),
                                                        null),
                                                Map.of("q", p),
                                                Fixtures.budget(1000),
                                                h,
                                                Fixtures.at(t));
                                int expected = 0;
                                for (int s = Math.max(0, t - windowSeconds + 1); s <= t; s++) {
                                    expected =
                                            Math.max(
                                                    expected,
                                                    Math.max(min, Math.min(max, demands.get(s))));
                                }
                                int target = o.decisions().get(0).target();
                                assertEquals(
                                        expected,
                                        target,
                                        "second " + t + ": " + o.decisions().get(0).reason());
                                if (previous >= 0 && target < previous) {
                                    // a fall only when every recommendation of the window is at or
                                    // below the new target
                                    for (int s = Math.max(0, t - windowSeconds + 1); s <= t; s++) {
                                        assertTrue(Math.min(max, demands.get(s)) <= target);
                                    }
                                }
                                previous = target;
                                h = o.history();
                            }
                        });
    }

    @Test
    void sameInputsGiveTheSameOutput() {
        Gen<Integer> hostCpus = integers().between(0, 100);
        qtAtLeast(300)
                .forAll(anyWorld(), anyWorld(), hostCpus)
                .checkAssert(
                        (previous, w, hostCpu) -> {
                            // A history produced by the engine itself, then the same call twice on
                            // separate instances.
                            History h =
                                    engine.decide(
                                                    w.snapshot(),
                                                    w.policies(),
                                                    w.settings(),
                                                    w.history(),
                                                    Fixtures.T0)
                                            .history();
                            Snapshot s = new Snapshot(w.snapshot().queues(), (double) hostCpu);
                            Outcome a =
                                    new AdaptiveDecisionEngine()
                                            .decide(
                                                    s,
                                                    w.policies(),
                                                    previous.settings(),
                                                    h,
                                                    Fixtures.at(1));
                            Outcome b =
                                    new AdaptiveDecisionEngine()
                                            .decide(
                                                    s,
                                                    w.policies(),
                                                    previous.settings(),
                                                    h,
                                                    Fixtures.at(1));
                            assertEquals(a, b);
                        });
    }
}
