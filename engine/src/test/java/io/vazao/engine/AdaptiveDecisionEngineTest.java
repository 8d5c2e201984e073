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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.BudgetShare;
import io.vazao.contract.EventKind;
import io.vazao.contract.Policy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptiveDecisionEngineTest {

    private final AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();

    @Test
    void demandIsArrivalsPlusBacklogOverDrainDividedByRate() {
        // (120/s + 5000/25 s) / 50/s = 320/50 = 6.4 → 7
        Policy p = adaptive(1, 1, 20, 50.0, 25, 30);
        Outcome o =
                engine.decide(
                        snapshot(queue("q", inputs(4800, 200, 120, 0, null))),
                        Map.of("q", p),
                        budget(100),
                        History.empty(),
                        at(0));
        Decision d = only(o);
        assertEquals(7, d.demand());
        assertEquals(7, d.target());
        assertEquals(EventKind.SCALE_UP, d.kind());
        assertTrue(d.reason().contains("backlog 5000"), d.reason());
        assertTrue(d.reason().contains("120/s arrivals"), d.reason());
        assertTrue(d.reason().contains("50/s per worker (expected)"), d.reason());
    }

    @Test
    void zeroLoadGivesMin() {
        Policy p = adaptive(1, 2, 10, 50.0, 30, 30);
        Decision d =
                only(
                        engine.decide(
                                snapshot(queue("q", inputs(0, 0, 0, 0, null))),
                                Map.of("q", p),
                                budget(100),
                                History.empty(),
                                at(0)));
        assertEquals(0, d.demand());
        assertEquals(2, d.target());
    }

    @Test
    void missingInputsHoldTheLastTarget() {
        Policy p = adaptive(1, 1, 10, 50.0, 30, 30);
        Outcome first =
                engine.decide(
                        snapshot(queue("q", inputs(10_000, 0, 0, 0, null))),
                        Map.of("q", p),
                        budget(100),
                        History.empty(),
                        at(0));
        assertEquals(7, only(first).target());
        Outcome second =
                engine.decide(
                        snapshot(queue("q", null)),
                        Map.of("q", p),
                        budget(100),
                        first.history(),
                        at(1));
        Decision d = only(second);
        assertEquals(7, d.target());
        assertEquals(EventKind.HOLD, d.kind());
        assertTrue(d.reason().contains("inputs missing"), d.reason());
    }

    @Test
    void unchangedTargetHasNoKind() {
        Policy p = adaptive(1, 1, 10, 50.0, 30, 30);
        Outcome first =
                engine.decide(
                        snapshot(queue("q", inputs(3000, 0, 0, 2, null))),
                        Map.of("q", p),
                        budget(100),
                        History.empty(),
                        at(0));
        Outcome second =
                engine.decide(
                        snapshot(queue("q", inputs(3000, 0, 0, 2, null))),
                        Map.of("q", p),
                        budget(100),
                        first.history(),
                        at(1));
        assertEquals(2, only(second).target());
        assertNull(only(second).kind());
    }

    @Test
    void budgetIsSharedByWeightUnderContention() {
        Policy p1 = adaptive(0.4, 1, 20, 10.0, 10, 30);
        Policy p2 = adaptive(0.6, 1, 20, 10.0, 10, 30);
        // both want 20 (capped at max), budget 12 → 4.8 / 7.2 → 5 / 7 by largest remainder
        Outcome o =
                engine.decide(
                        snapshot(
                                queue("a", inputs(50_000, 0, 0, 1, null)),
                                queue("b", inputs(50_000, 0, 0, 1, null))),
                        Map.of("a", p1, "b", p2),
                        budget(12),
                        History.empty(),
                        at(0));
        assertEquals(5, o.decisions().get(0).target());
        assertEquals(7, o.decisions().get(1).target());
        assertTrue(
                o.decisions().get(0).reason().contains("budget 12 short: share 5 (weight 0.4)"),
                o.decisions().get(0).reason());
        assertEquals(
                new BudgetShare(12, 5, BudgetShare.Effect.SHORT), o.decisions().get(0).budget());
        assertEquals(
                new BudgetShare(12, 7, BudgetShare.Effect.SHORT), o.decisions().get(1).budget());
        assertTrue(o.configErrors().isEmpty());
    }

    @Test
    void aQueueTheBudgetLeavesAloneSaysSo() {
        Policy p = adaptive(1, 1, 20, 10.0, 10, 30);
        Outcome o =
                engine.decide(
                        snapshot(queue("q", inputs(300, 0, 0, 1, null))),
                        Map.of("q", p),
                        budget(12),
                        History.empty(),
                        at(0));
        Decision d = only(o);
        assertEquals(new BudgetShare(12, d.target(), BudgetShare.Effect.NONE), d.budget());
        assertFalse(d.budget().contended());
    }

    @Test
    void spareBudgetFlowsToTheQueueThatNeedsIt() {
        Policy p1 = adaptive(0.4, 1, 20, 10.0, 10, 30);
        Policy p2 = adaptive(0.6, 1, 20, 10.0, 10, 30);
        // a needs 2 (200/10 s / 10/s), b wants 20: b gets the other 10
        Outcome o =
                engine.decide(
                        snapshot(
                                queue("a", inputs(200, 0, 0, 1, null)),
                                queue("b", inputs(50_000, 0, 0, 1, null))),
                        Map.of("a", p1, "b", p2),
                        budget(12),
                        History.empty(),
                        at(0));
        assertEquals(2, o.decisions().get(0).target());
        assertEquals(10, o.decisions().get(1).target());
    }

    @Test
    void minsAboveTheBudgetAreAConfigurationError() {
        Policy p = adaptive(1, 5, 10, 10.0, 10, 30);
        Outcome o =
                engine.decide(
                        snapshot(
                                queue("a", inputs(0, 0, 0, 1, null)),
                                queue("b", inputs(0, 0, 0, 1, null))),
                        Map.of("a", p, "b", p),
                        budget(8),
                        History.empty(),
                        at(0));
        assertEquals(8, o.decisions().get(0).target() + o.decisions().get(1).target());
        assertEquals(1, o.configErrors().size());
        assertTrue(o.configErrors().get(0).contains("budget"), o.configErrors().get(0));
        assertTrue(
                o.decisions().get(0).reason().contains("configuration error"),
                o.decisions().get(0).reason());
    }

    @Test
    void seedModeUsesReadyTimesWeightOverMessagesPerWorker() {
        Policy p = Fixtures.seedPolicy(0.4, 1, 10, 200);
        // int(4999 × 0.4) // 200 + 1 = 1999 // 200 + 1 = 10; unacked ignored
        Decision d =
                only(
                        engine.decide(
                                snapshot(queue("q", inputs(4999, 7777, 0, 1, null))),
                                Map.of("q", p),
                                budget(100),
                                History.empty(),
                                at(0)));
        assertEquals(10, d.target());
        assertTrue(
                d.reason().startsWith("seed rule: int(ready 4999 x weight 0.4) // 200 + 1 = 10"),
                d.reason());
    }

    @Test
    void scaleDownWaitsForTheStabilizationWindow() {
        Policy p = adaptive(1, 1, 10, 50.0, 10, 30);
        History h =
                engine.decide(
                                snapshot(queue("q", inputs(4000, 0, 0, 0, null))),
                                Map.of("q", p),
                                budget(100),
                                History.empty(),
                                at(0))
                        .history();
        assertEquals(8, h.of("q").lastTarget());
        for (int s = 1; s < 30; s++) {
            Outcome o =
                    engine.decide(
                            snapshot(queue("q", inputs(0, 0, 0, 8, null))),
                            Map.of("q", p),
                            budget(100),
                            h,
                            at(s));
            assertEquals(8, only(o).target(), "second " + s);
            h = o.history();
        }
        Decision d =
                only(
                        engine.decide(
                                snapshot(queue("q", inputs(0, 0, 0, 8, null))),
                                Map.of("q", p),
                                budget(100),
                                h,
                                at(30)));
        assertEquals(1, d.target());
        assertEquals(EventKind.SCALE_DOWN, d.kind());
    }
}
