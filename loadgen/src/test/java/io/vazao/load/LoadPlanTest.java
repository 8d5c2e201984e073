package io.vazao.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.Scenario;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadPlanTest {

    static Map<String, Long> counts(long a, long b) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    @Test
    void asFastAsPossibleMakesEverythingDueAtOnce() {
        LoadPlan p = LoadPlan.counts(counts(50_000, 50_000), 0);
        assertEquals(50_000, p.dueBy("a", 0));
        assertEquals(50_000, p.dueBy("b", 0));
        assertTrue(p.finished(0));
    }

    @ParameterizedTest
    @CsvSource({
        // rate, t, due a, due b  (counts 1000 / 3000: a gets a quarter of the rate)
        "400, 0, 0, 0",
        "400, 1, 100, 300",
        "400, 5, 500, 1500",
        "400, 10, 1000, 3000",
        "400, 60, 1000, 3000"
    })
    void aRateIsSharedInProportionToTheCounts(double rate, double t, long a, long b) {
        LoadPlan p = LoadPlan.counts(counts(1000, 3000), rate);
        assertEquals(a, p.dueBy("a", t));
        assertEquals(b, p.dueBy("b", t));
    }

    @ParameterizedTest
    @CsvSource({"steady", "burst", "ramp", "sine", "spike-train"})
    void aScenarioDeliversItsWholeIntegralByItsEnd(String name) {
        Scenario s = Scenario.builtin(name);
        LoadPlan p = LoadPlan.scenario(s, 1);
        for (String q : s.queues().keySet()) {
            long stepwise = 0;
            for (double t = 0; t <= s.durationSeconds() + 1; t += 0.37) {
                long due = p.dueBy(q, t);
                assertTrue(due >= stepwise, "cumulative and monotone");
                stepwise = due;
            }
            long expected = (long) Math.floor(s.arrivals(q, 0, s.durationSeconds() + 1e-6) + 1e-9);
            assertTrue(Math.abs(stepwise - expected) <= 1, q + ": " + stepwise + " vs " + expected);
        }
        assertTrue(p.finished(s.durationSeconds() + 1));
        assertFalse(LoadPlan.scenario(s, 1).finished(0));
    }

    @Test
    void theBurstScenarioReleasesItsBurstAtFiveSeconds() {
        LoadPlan p = LoadPlan.scenario(Scenario.builtin("burst"), 1);
        long before = p.dueBy("business_queue_1", 4.99);
        long after = p.dueBy("business_queue_1", 5.01);
        assertEquals(20_000, after - before, 1);
    }

    @Test
    void speedCompressesTime() {
        LoadPlan p = LoadPlan.scenario(Scenario.builtin("steady"), 10);
        assertEquals(1500, p.dueBy("business_queue_1", 1.0), 1);
        assertTrue(p.finished(6.01));
    }
}
