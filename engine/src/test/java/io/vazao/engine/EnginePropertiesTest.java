package io.vazao.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.Mode;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the engine over random queues, loads, policies and budgets. */
class EnginePropertiesTest {

    private final AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();

    /** One random queue: its policy and this tick's inputs. */
    record Q(double weight, int min, int max, double rate, long ready, long unacked, double publish, int drain,
             Double rateLimit, Mode mode, boolean paused, boolean missing, int lastTarget) {
    }

    record World(List<Q> queues, int budget) {

        Snapshot snapshot() {
            List<QueueSnapshot> qs = new ArrayList<>();
            for (int i = 0; i < queues.size(); i++) {
                Q q = queues.get(i);
                QueueInputs in = q.missing ? null
                        : new QueueInputs(q.ready, q.unacked, 1, q.publish, 0, 1, null, "management");
                qs.add(new QueueSnapshot(name(i), in, List.of()));
            }
            return new Snapshot(qs, null);
        }

        Map<String, Policy> policies() {
            Map<String, Policy> m = new LinkedHashMap<>();
            for (int i = 0; i < queues.size(); i++) {
                Q q = queues.get(i);
                m.put(name(i), new Policy(q.weight, q.min, q.max, 200, q.drain, q.rate, q.rateLimit, q.paused, 30,
                        q.mode));
            }
            return m;
        }

        /** Last targets for the queues whose inputs are missing (held queues need something to hold). */
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
        return "q" + (char) ('a' + (i * 7) % 26) + i; // names not in index order, to exercise the tie-break
    }

    private static Arbitrary<Q> queues(boolean anyKind) {
        Arbitrary<Double> weight = Arbitraries.doubles().between(0.05, 5).ofScale(2);
        Arbitrary<Integer> min = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> span = Arbitraries.integers().between(0, 25);
        Arbitrary<Double> rate = Arbitraries.doubles().between(1, 500).ofScale(1);
        Arbitrary<Long> ready = Arbitraries.longs().between(0, 200_000);
        Arbitrary<Long> unacked = Arbitraries.longs().between(0, 5_000);
        Arbitrary<Double> publish = Arbitraries.doubles().between(0, 3000).ofScale(1);
        Arbitrary<Integer> drain = Arbitraries.integers().between(1, 120);
        Arbitrary<Q> plain = Combinators.combine(weight, min, span, rate, ready, unacked, publish, drain)
                .as((w, lo, s, r, rd, un, pub, dr) -> new Q(w, lo, lo + s, r, rd, un, pub, dr, null, Mode.ADAPTIVE,
                        false, false, 0));
        if (!anyKind) {
            return plain;
        }
        Arbitrary<Double> rateLimit = Arbitraries.doubles().between(1, 5000).ofScale(0).injectNull(0.6);
        Arbitrary<Mode> mode = Arbitraries.of(Mode.ADAPTIVE, Mode.ADAPTIVE, Mode.ADAPTIVE, Mode.SEED);
        Arbitrary<Boolean> paused = Arbitraries.of(false, false, false, false, true);
        Arbitrary<Boolean> missing = Arbitraries.of(false, false, false, false, true);
        Arbitrary<Integer> last = Arbitraries.integers().between(0, 30);
        return Combinators.combine(plain, rateLimit, mode, paused, missing, last)
                .as((q, rl, m, p, miss, lt) -> new Q(q.weight, q.min, q.max, q.rate, q.ready, q.unacked, q.publish,
                        q.drain, rl, m, p, miss, lt));
    }

    @Provide
    Arbitrary<World> anyWorld() {
        return Combinators.combine(queues(true).list().ofMinSize(1).ofMaxSize(12),
                Arbitraries.integers().between(0, 80)).as(World::new);
    }

    /** Adaptive queues only, mins within the budget. */
    @Provide
    Arbitrary<World> feasibleWorld() {
        return Combinators.combine(queues(false).list().ofMinSize(1).ofMaxSize(12),
                        Arbitraries.integers().between(0, 80))
                .as(World::new)
                .filter(w -> w.sumOfMins() <= w.budget());
    }

    private Outcome decide(World w) {
        return engine.decide(w.snapshot(), w.policies(), w.settings(), w.history(), Fixtures.T0);
    }

    /** What each queue asks for when the budget does not bind. */
    private int[] wants(World w) {
        Outcome free = engine.decide(w.snapshot(), w.policies(), w.settings().withMaxTotalWorkers(Integer.MAX_VALUE),
                w.history(), Fixtures.T0);
        return free.decisions().stream().mapToInt(Decision::target).toArray();
    }

    @Property
    void theSumOfTargetsNeverExceedsTheBudget(@ForAll("anyWorld") World w) {
        Outcome o = decide(w);
        int sum = o.decisions().stream().mapToInt(Decision::target).sum();
        assertTrue(sum <= w.budget(), () -> "sum " + sum + " > budget " + w.budget());
        o.decisions().forEach(d -> assertTrue(d.target() >= 0));
    }

    @Property
    void targetsStayWithinMinAndMaxWhenFeasible(@ForAll("feasibleWorld") World w) {
        Outcome o = decide(w);
        assertTrue(o.configErrors().isEmpty(), () -> o.configErrors().toString());
        for (int i = 0; i < w.queues().size(); i++) {
            Q q = w.queues().get(i);
            int t = o.decisions().get(i).target();
            assertTrue(q.min() <= t && t <= q.max(), "queue " + i + ": " + t + " not in [" + q.min() + ", " + q.max() + "]");
        }
    }

    /**
     * Against an independent reference: the continuous weighted max-min share found by bisection on
     * the water level. Every integer target lies within one worker of it.
     */
    @Property
    void underContentionTargetsFollowTheWeightsWithinOneWorker(@ForAll("feasibleWorld") World w) {
        int[] want = wants(w);
        Outcome o = decide(w);
        int n = want.length;
        long sumWant = 0;
        for (int x : want) {
            sumWant += x;
        }
        Statistics.label("budget binds").collect(sumWant > w.budget());
        Statistics.label("budget binds").coverage(c -> c.check(true).percentage(pct -> pct > 30));
        if (sumWant <= w.budget()) {
            for (int i = 0; i < n; i++) {
                assertEquals(want[i], o.decisions().get(i).target());
            }
            return;
        }
        double lo = 0;
        double hi = 1e9;
        for (int it = 0; it < 200; it++) {
            double mid = (lo + hi) / 2;
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += share(w.queues().get(i), want[i], mid);
            }
            if (s < w.budget()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int total = 0;
        for (int i = 0; i < n; i++) {
            double ideal = share(w.queues().get(i), want[i], hi);
            int t = o.decisions().get(i).target();
            total += t;
            assertTrue(Math.abs(t - ideal) < 1 + 1e-6, "queue " + i + ": target " + t + ", fair share " + ideal);
        }
        assertEquals(w.budget(), total);
    }

    private static double share(Q q, int want, double level) {
        return Math.min(want, Math.max(q.min(), q.weight() * level));
    }

    @Property
    void noQueueGetsMoreThanItNeedsWhileAnotherIsShort(@ForAll("feasibleWorld") World w) {
        int[] want = wants(w);
        Outcome o = decide(w);
        int n = want.length;
        boolean someoneShort = false;
        int total = 0;
        for (int i = 0; i < n; i++) {
            int t = o.decisions().get(i).target();
            total += t;
            assertTrue(t <= want[i], "queue " + i + " got " + t + " > its demand " + want[i]);
            someoneShort |= t < want[i];
        }
        if (!someoneShort) {
            return;
        }
        // Work-conserving: the budget is used up while someone is short.
        assertEquals(w.budget(), total);
        // And nobody above its minimum holds more than its weighted share relative to a short queue.
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
                assertTrue((ti - 1) / wi < (tj + 1) / wj + 1e-9,
                        "queue " + i + " (" + ti + ", weight " + wi + ") over its share while queue " + j + " ("
                                + tj + ", weight " + wj + ") is short of " + want[j]);
            }
        }
    }

    /**
     * One queue, ample budget, demand set exactly to k workers each second: the target is the highest
     * clamped demand of the window (t - W, t] — up at once, down only when the window has passed.
     */
    @Property(tries = 300)
    void noScaleDownBeforeTheWindow(@ForAll @Size(min = 2, max = 90) List<@IntRange(min = 0, max = 30) Integer> demands,
                                    @ForAll @IntRange(min = 6, max = 45) int windowSeconds,
                                    @ForAll @IntRange(min = 0, max = 3) int min) {
        int max = 25;
        Policy p = new Policy(1, min, max, 200, 10, 10.0, null, false, windowSeconds, Mode.ADAPTIVE);
        History h = History.empty();
        int previous = -1;
        for (int t = 0; t < demands.size(); t++) {
            // (100k / 10 s) / 10/s = k workers exactly
            QueueInputs in = new QueueInputs(100L * demands.get(t), 0, 1, 0, 0, 1, null, "management");
            Outcome o = engine.decide(new Snapshot(List.of(new QueueSnapshot("q", in, List.of())), null),
                    Map.of("q", p), Fixtures.budget(1000), h, Fixtures.at(t));
            int expected = 0;
            for (int s = Math.max(0, t - windowSeconds + 1); s <= t; s++) {
                expected = Math.max(expected, Math.max(min, Math.min(max, demands.get(s))));
            }
            int target = o.decisions().get(0).target();
            assertEquals(expected, target, "second " + t + ": " + o.decisions().get(0).reason());
            if (previous >= 0 && target < previous) {
                // a fall only when every recommendation of the window is at or below the new target
                for (int s = Math.max(0, t - windowSeconds + 1); s <= t; s++) {
                    assertTrue(Math.min(max, demands.get(s)) <= target);
                }
            }
            previous = target;
            h = o.history();
        }
    }

    @Property(tries = 300)
    void sameInputsGiveTheSameOutput(@ForAll("anyWorld") World previous, @ForAll("anyWorld") World w,
                                     @ForAll @IntRange(min = 0, max = 100) int hostCpu) {
        // A history produced by the engine itself, then the same call twice on separate instances.
        History h = engine.decide(w.snapshot(), w.policies(), w.settings(), w.history(), Fixtures.T0).history();
        Snapshot s = new Snapshot(w.snapshot().queues(), (double) hostCpu);
        Outcome a = new AdaptiveDecisionEngine().decide(s, w.policies(), previous.settings(), h, Fixtures.at(1));
        Outcome b = new AdaptiveDecisionEngine().decide(s, w.policies(), previous.settings(), h, Fixtures.at(1));
        assertEquals(a, b);
    }
}
