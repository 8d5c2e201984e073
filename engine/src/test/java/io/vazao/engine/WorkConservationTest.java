package io.vazao.engine;

import static io.vazao.engine.Fixtures.adaptive;
import static io.vazao.engine.Fixtures.at;
import static io.vazao.engine.Fixtures.budget;
import static io.vazao.engine.Fixtures.inputs;
import static io.vazao.engine.Fixtures.queue;
import static io.vazao.engine.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.BudgetShare;
import io.vazao.contract.Policy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The case seen on a running system: budget 5, weights 0.2/0.3/0.5, all three backlogged, then the
 * two heavier queues drain while the lightest still has thousands waiting. Their scale-down windows
 * (30 s) would keep 2 idle workers each; the budget gives them to the starved queue on the next
 * tick.
 */
class WorkConservationTest {

    final AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();
    final Map<String, Policy> policies =
            Map.of(
                    "light", adaptive(0.2, 1, 10, 10.0, 30, 30),
                    "mid", adaptive(0.3, 1, 10, 10.0, 30, 30),
                    "heavy", adaptive(0.5, 1, 10, 10.0, 30, 30));

    @Test
    void workersTheWindowsKeepGoToTheStarvedQueueOnTheNextTick() {
        // t=0: every queue backlogged: the budget binds and is shared by weight.
        Outcome busy =
                engine.decide(
                        snapshot(
                                queue("light", inputs(30_000, 0, 0, 1, 10.0)),
                                queue("mid", inputs(30_000, 0, 0, 2, 10.0)),
                                queue("heavy", inputs(30_000, 0, 0, 2, 10.0))),
                        policies,
                        budget(5),
                        History.empty(),
                        at(0));
        assertEquals(5, busy.decisions().stream().mapToInt(Decision::target).sum());
        int lightBefore = busy.decisions().get(0).target();

        // t=10 s: mid and heavy drained (their windows remember higher recommendations), light has
        // 11,056 left.
        Outcome next =
                engine.decide(
                        snapshot(
                                queue("light", inputs(11_056, 0, 0, lightBefore, 10.0)),
                                queue("mid", inputs(0, 0, 0, 2, 10.0)),
                                queue("heavy", inputs(0, 0, 0, 2, 10.0))),
                        policies,
                        budget(5),
                        busy.history(),
                        at(10));
        Decision light = next.decisions().get(0);
        Decision mid = next.decisions().get(1);
        Decision heavy = next.decisions().get(2);
        assertEquals(3, light.target(), light.reason());
        assertEquals(1, mid.target(), mid.reason());
        assertEquals(1, heavy.target(), heavy.reason());
        // Which of the two gives depends on what the plain sharing would have left each: here
        // heavy's
        // larger weight would have kept it 3 of the 5.
        assertTrue(
                light.reason().contains("receives 2 worker(s) kept by the windows of heavy"),
                light.reason());
        assertTrue(
                heavy.reason().contains("gives 2 worker(s) its windows kept to light"),
                heavy.reason());
        // As typed facts: light still contends, heavy's share covers its demand but not its window.
        assertEquals(BudgetShare.Effect.SHORT, light.budget().effect());
        assertEquals(BudgetShare.Effect.BINDS, heavy.budget().effect());
        assertEquals(new BudgetShare(5, 1, BudgetShare.Effect.BINDS), heavy.budget());
    }

    @Test
    void withNobodyShortTheWindowStillKeepsItsWorkers() {
        Outcome busy =
                engine.decide(
                        snapshot(
                                queue("light", inputs(30_000, 0, 0, 1, 10.0)),
                                queue("mid", inputs(30_000, 0, 0, 2, 10.0)),
                                queue("heavy", inputs(30_000, 0, 0, 2, 10.0))),
                        policies,
                        budget(5),
                        History.empty(),
                        at(0));
        Outcome next =
                engine.decide(
                        snapshot(
                                queue("light", inputs(0, 0, 0, 1, 10.0)),
                                queue("mid", inputs(0, 0, 0, 2, 10.0)),
                                queue("heavy", inputs(0, 0, 0, 2, 10.0))),
                        policies,
                        budget(5),
                        busy.history(),
                        at(10));
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    busy.decisions().get(i).target(),
                    next.decisions().get(i).target(),
                    next.decisions().get(i).reason());
        }
    }
}
