package io.vazao.engine;

import static io.vazao.engine.Fixtures.adaptive;
import static io.vazao.engine.Fixtures.at;
import static io.vazao.engine.Fixtures.budget;
import static io.vazao.engine.Fixtures.inputs;
import static io.vazao.engine.Fixtures.only;
import static io.vazao.engine.Fixtures.queue;
import static io.vazao.engine.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.vazao.contract.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SustainedArrivalsTest {

    /** Feeds one rate per second; returns what the demand is sized for at the last one. */
    static double believedAfter(List<Double> rates, int drain) {
        SustainedArrivals s = null;
        double now = 0;
        for (int t = 0; t < rates.size(); t++) {
            now = rates.get(t);
            s = SustainedArrivals.update(s, now, t * 1000L, drain);
        }
        return s.believed(now);
    }

    static List<Double> trickleThen(double last) {
        List<Double> rates = new ArrayList<>(Collections.nCopies(10, 10.0));
        rates.add(last);
        return rates;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, rates per second, targetDrainSeconds, expected
                Arguments.of("the first figure is believed", List.of(500.0), 30, 500.0),
                Arguments.of(
                        "a steady rate is believed", Collections.nCopies(60, 100.0), 30, 100.0),
                // One tick of 3,000/s after 10/s: 10 + 2,990 × (1 − e^(−1/3)).
                Arguments.of(
                        "a batch at the default drain: most of it within a tick",
                        trickleThen(3000),
                        30,
                        10 + 2990 * (1 - Math.exp(-1 / 3.0))),
                // The same at a 600 s drain: a 60 s window, 10 + 2,990 × (1 − e^(−1/60)).
                Arguments.of(
                        "a batch at a 600 s drain: little of it",
                        trickleThen(3000),
                        600,
                        10 + 2990 * (1 - Math.exp(-1 / 60.0))),
                Arguments.of("a fall is believed at once", trickleThen(0), 30, 0.0),
                Arguments.of("a negative rate reads as none", List.of(-5.0), 30, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void believes(String name, List<Double> rates, int drain, double expected) {
        assertEquals(expected, believedAfter(rates, drain), 1e-9, name);
    }

    @Test
    void theWindowIsATenthOfTheDrainTargetAndAtLeastATenthOfASecond() {
        assertEquals(3.0, SustainedArrivals.windowSeconds(30), 1e-12);
        assertEquals(60.0, SustainedArrivals.windowSeconds(600), 1e-12);
        assertEquals(0.1, SustainedArrivals.windowSeconds(0), 1e-12);
    }

    @Test
    void theRateBelievedIsNeverAboveTheRateNowNorBelowZero() {
        qt().forAll(
                        lists().of(doubles().between(0, 100_000)).ofSizeBetween(1, 40),
                        integers().between(1, 3_600))
                .checkAssert(
                        (rates, drain) -> {
                            double believed = believedAfter(rates, drain);
                            double now = rates.get(rates.size() - 1);
                            assertTrue(believed >= 0 && believed <= now + 1e-9, "" + believed);
                        });
    }

    @Test
    void aRateHeldForFiveWindowsIsBelievedWithinOnePercent() {
        qt().forAll(doubles().between(1, 100_000), integers().between(10, 600))
                .checkAssert(
                        (rate, drain) -> {
                            List<Double> rates = new ArrayList<>();
                            rates.add(0.0);
                            int ticks = (int) Math.ceil(5 * SustainedArrivals.windowSeconds(drain));
                            rates.addAll(Collections.nCopies(ticks, rate));
                            assertEquals(rate, believedAfter(rates, drain), rate * 0.01);
                        });
    }

    /** A 3,000-message batch after a trickle, seen as the real shell sees it: ready grew by it. */
    static Decision spikeAt(int drainSeconds) {
        Policy policy = adaptive(1, 1, 10, 100.0, drainSeconds, 30);
        AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();
        History h = History.empty();
        for (int t = 0; t < 10; t++) {
            var s = snapshot(queue("q", inputs(0, 0, 10.0, 1, 100.0)));
            h = engine.decide(s, Map.of("q", policy), budget(100), h, at(t)).history();
        }
        var spike = snapshot(queue("q", inputs(3000, 0, 3000.0, 1, 100.0)));
        return only(engine.decide(spike, Map.of("q", policy), budget(100), h, at(10)));
    }

    @Test
    void aBatchTakesTheQueueToItsCeilingAtTheDefaultDrain() {
        Decision d = spikeAt(30);
        assertEquals(10, d.target(), d.reason());
    }

    @Test
    void aBatchIsDrainedAsBacklogWithinALongDrainTargetAndTheReasonSaysSo() {
        Decision d = spikeAt(600);
        // 59.4/s sustained + 3,000 / 600 s = 64.4/s at 100/s per worker.
        assertEquals(1, d.target(), d.reason());
        assertTrue(
                d.reason().contains("(3000/s now, not sustained over 60 s: counted as backlog)"),
                d.reason());
    }

    /**
     * A restarted policy service (or a new lease holder) resumes its history from the published
     * targets, without the average: the first figure after the restart is believed in full, so a
     * batch then is sized as a rate once, as before this rule, and the next ticks are averaged.
     */
    @Test
    void afterARestartTheFirstFigureIsBelievedInFull() {
        Policy policy = adaptive(1, 1, 10, 100.0, 600, 30);
        AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();
        History resumed = History.resume(Map.of("q", 1), at(10));
        var spike = snapshot(queue("q", inputs(3000, 0, 3000.0, 1, 100.0)));
        Outcome first = engine.decide(spike, Map.of("q", policy), budget(100), resumed, at(10));
        Decision d = only(first);
        assertEquals(10, d.target(), d.reason());
        assertFalse(d.reason().contains("not sustained"), d.reason());
        assertEquals(3000.0, first.history().of("q").sustained().rate(), 1e-9);
    }
}
