package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** "vazao's curve lies below another's everywhere", on hand-made points; the knobs. */
class FrontierTest {

    /** A point from "cost:wait". */
    static FrontierPoint pt(String policy, String costWait) {
        String[] parts = costWait.split(":");
        return new FrontierPoint(
                policy, 1, false, Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), 0, 0);
    }

    static List<FrontierPoint> points(String policy, String list) {
        List<FrontierPoint> out = new ArrayList<>();
        for (String p : list.isBlank() ? new String[0] : list.split(" ")) {
            out.add(pt(policy, p));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // vazao's points, the other's points, below everywhere, uncovered
                Arguments.of("100:5", "100:5", true, 0), // equal: ≤ on both
                Arguments.of("90:4", "100:5", true, 0), // cheaper and shorter
                Arguments.of("90:5", "100:5", true, 0), // cheaper, the same wait
                Arguments.of("100:4", "100:5", true, 0), // the same cost, shorter
                Arguments.of("110:4", "100:5", false, 1), // shorter but dearer
                Arguments.of("90:6", "100:5", false, 1), // cheaper but longer
                Arguments.of("100:5.000001", "100:5", false, 1), // exact: no tolerance
                // each of the other's points covered by a different vazao point
                Arguments.of("50:10 100:3", "60:12 120:4", true, 0),
                // a vazao curve that crosses the other's: one point left open
                Arguments.of("50:10 100:3", "40:20 60:8 120:4", false, 2),
                Arguments.of("", "100:5", false, 1), // no vazao point covers anything
                Arguments.of("100:5", "", true, 0)); // nothing to cover
    }

    @ParameterizedTest(name = "vazao [{0}] vs [{1}] -> below {2}, {3} uncovered")
    @MethodSource("cases")
    void belowEverywhereMeansEveryPointIsCovered(
            String vazao, String other, boolean below, int uncovered) {
        List<FrontierPoint> all = new ArrayList<>(points("vazao", vazao));
        all.addAll(points("keda", other));
        Frontier f = new Frontier("s", 0, all);
        assertEquals(below, f.vazaoBelow("keda"));
        assertEquals(uncovered, Frontier.uncovered(f.of("vazao"), f.of("keda")).size());
        assertTrue(f.verdict("keda").contains("everywhere: " + (below ? "yes" : "no")));
    }

    @Test
    void verdictNamesEachOpenPointAndVazaosBestAtThatCost() {
        Frontier f =
                new Frontier(
                        "burst",
                        0,
                        List.of(
                                new FrontierPoint("vazao", 30, true, 1500, 14.1, 25, 20),
                                new FrontierPoint("seed", 200, true, 1310, 17.34, 28.9, 20),
                                new FrontierPoint("seed", 25, false, 1600, 15, 28.9, 20)));
        assertEquals(
                "burst: vazao below seed everywhere: no (1 of 2 seed points covered); not covered:"
                        + " seed 200 at 1,310 worker·s waits 17.34 s, no vazao point costs that little",
                f.verdict("seed"));
        Frontier g =
                new Frontier(
                        "sine",
                        0,
                        List.of(
                                new FrontierPoint("vazao", 30, true, 1000, 3, 5, 5),
                                new FrontierPoint("keda", 640, false, 1200, 2, 5, 5)));
        assertTrue(
                g.verdict("keda")
                        .endsWith("vazao's least at ≤ that cost 3.00 s (drain 30, 1,000 worker·s)"),
                g.verdict("keda"));
    }

    @Test
    void vazaosCurveIsTheUnionOfItsSweepsAndTheNarrowerCurvesAreStatedToo() {
        List<FrontierPoint> all = new ArrayList<>(points("vazao", "1500:14 1600:14"));
        all.addAll(points(Policies.VAZAO_WINDOW, "1150:26 1200:15 1600:14"));
        all.addAll(points("seed", "1300:17"));
        Frontier f = new Frontier("burst", 0, all);
        // drain and window alone: both are at the floor of one, so that curve is not stated apart
        assertEquals(List.of(Frontier.Sweeps.ALL, Frontier.Sweeps.DRAIN), f.sweeps());
        assertEquals(5, f.vazao().size());
        assertTrue(f.vazaoBelow("seed")); // window 1200:15 covers 1300:17
        assertEquals(
                "burst: vazao (all sweeps) below seed everywhere: yes (1 of 1 seed points covered)",
                f.verdict("seed"));
        assertTrue(
                f.verdict("seed", Frontier.Sweeps.DRAIN)
                        .startsWith(
                                "burst: vazao (drain only) below seed everywhere: no (0 of 1 seed"
                                        + " points covered); not covered: seed 1 at 1,300"
                                        + " worker·s waits 17.00 s, no vazao point costs that"
                                        + " little"),
                f.verdict("seed", Frontier.Sweeps.DRAIN));
        Frontier open = new Frontier("b", 0, List.of(all.get(2), pt("keda", "1180:20")));
        assertTrue(
                open.verdict("keda").endsWith("(window 1, 1,150 worker·s)"), open.verdict("keda"));
    }

    @Test
    void theScaleToZeroSweepCountsForTheCurveAndNotForTheFloorOfOne() {
        List<FrontierPoint> all = new ArrayList<>(points("vazao", "1500:14"));
        all.addAll(points(Policies.VAZAO_WINDOW, "1150:26 1200:15"));
        all.addAll(points(Policies.VAZAO_TO_ZERO, "700:9"));
        all.addAll(points("seed", "1300:17 1000:11"));
        Frontier f = new Frontier("sine", 0, all);
        assertEquals(
                List.of(Frontier.Sweeps.ALL, Frontier.Sweeps.FLOOR_ONE, Frontier.Sweeps.DRAIN),
                f.sweeps());
        assertEquals(4, f.vazao().size());
        assertEquals(3, f.vazao(Frontier.Sweeps.FLOOR_ONE).size());
        assertTrue(f.vazaoBelow("seed"));
        assertEquals(
                "sine: vazao (all sweeps) below seed everywhere: yes (2 of 2 seed points covered)",
                f.verdict("seed"));
        assertEquals(
                "sine: vazao (floor 1) below seed everywhere: no (1 of 2 seed points covered); not"
                        + " covered: seed 1 at 1,000 worker·s waits 11.00 s, no vazao point costs"
                        + " that little",
                f.verdict("seed", Frontier.Sweeps.FLOOR_ONE));
        Frontier open = new Frontier("b", 0, List.of(all.get(3), pt("keda", "800:8")));
        assertEquals(List.of(Frontier.Sweeps.ALL), open.sweeps());
        assertTrue(
                open.verdict("keda").endsWith("(to zero, drain 1, 700 worker·s)"),
                open.verdict("keda"));
        assertTrue(open.verdict("keda").startsWith("b: vazao below keda"), open.verdict("keda"));
    }

    @Test
    void knobsReachThePolicies() {
        assertEquals(30, Policies.defaultKnob("vazao")); // what simulate uses
        assertEquals(20, Policies.defaultKnob("keda"));
        assertEquals(200, Policies.defaultKnob("seed"));
        assertEquals(2, KedaDefaultsPolicy.proposal(80, 1, 40)); // ceil(80 / 40)
        assertEquals(4, KedaDefaultsPolicy.proposal(80, 1)); // ceil(80 / 20): the default
        assertEquals(6, SeedPolicy.target(1000, 0.5, 10, 100)); // 500 // 100 + 1
        assertEquals(3, SeedPolicy.target(1000, 0.5, 10)); // 500 // 200 + 1: the default
        Policies factory = new Policies(io.vazao.engine.AdaptiveDecisionEngine::new);
        List<String> queues = List.of("business_queue_1");
        assertEquals(
                "keda", factory.createWithKnob("keda", queues, WorkerModel.DEFAULT, 10, 40).name());
        assertThrows(
                IllegalArgumentException.class,
                () -> factory.createWithKnob("vazao", queues, WorkerModel.DEFAULT, 10, 2.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> factory.createWithKnob("ceiling", queues, WorkerModel.DEFAULT, 10, 1));
        assertEquals(30, Policies.defaultKnob(Policies.VAZAO_WINDOW));
        assertEquals(
                "vazao",
                factory.createWithKnob(Policies.VAZAO_WINDOW, queues, WorkerModel.DEFAULT, 10, 0)
                        .name());
        assertEquals(
                0,
                VazaoKnobs.DEFAULT
                        .withWindow(0)
                        .policies(queues, WorkerModel.DEFAULT)
                        .get("business_queue_1")
                        .scaleDownStabilizationSeconds());
        assertTrue(Double.isNaN(Policies.defaultKnob(Policies.VAZAO_TO_ZERO))); // never the default
        assertEquals(
                "vazao",
                factory.createWithKnob(Policies.VAZAO_TO_ZERO, queues, WorkerModel.DEFAULT, 10, 30)
                        .name());
        Policy zero =
                VazaoKnobs.TO_ZERO
                        .withDrain(45)
                        .policies(queues, WorkerModel.DEFAULT)
                        .get("business_queue_1");
        assertEquals(0, zero.minWorkers());
        assertEquals(0, zero.scaleDownStabilizationSeconds());
        assertEquals(45, zero.targetDrainSeconds());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        factory.createWithKnob(
                                Policies.VAZAO_TO_ZERO, queues, WorkerModel.DEFAULT, 10, 0));
        for (double bad : new double[] {-1, 2.5}) {
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            factory.createWithKnob(
                                    Policies.VAZAO_WINDOW, queues, WorkerModel.DEFAULT, 10, bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new KedaDefaultsPolicy(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new SeedPolicy(10, 0));
    }

    @ParameterizedTest(name = "[{0}] item {1} -> \"{2}\"")
    @CsvSource({
        "'100:5', 0, '2'",
        "'100:5 500:5', 0, '2'", // apart
        "'100:5 500:5', 1, '3'",
        "'100:5 101:5', 0, '2, 3'", // two near: both values
        "'100:5 101:5', 1, ''",
        "'100:5 101:5 102:5 500:5', 0, '2–4'", // a run: the range
        "'100:5 101:5 102:5 500:5', 2, ''",
        "'100:5 101:5 102:5 500:5', 3, '5'",
    })
    void nearPointsShareALabel(String costWaits, int item, String expected) {
        List<FrontierPoint> pts = new ArrayList<>();
        int knob = 2;
        for (FrontierPoint p : points("vazao", costWaits)) {
            pts.add(new FrontierPoint("vazao", knob++, false, p.workerSeconds(), 5, 0, 0));
        }
        assertEquals(
                expected,
                FrontierChart.label(
                        pts, item, (a, b) -> Math.abs(a.workerSeconds() - b.workerSeconds()) < 10));
    }
}
