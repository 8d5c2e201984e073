package io.vazao.engine;

import static io.vazao.engine.Fixtures.at;
import static io.vazao.engine.Fixtures.budget;
import static io.vazao.engine.Fixtures.inputs;
import static io.vazao.engine.Fixtures.queue;
import static io.vazao.engine.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mode: seed} against the replaced system's rule {@code max(min, min(max, int(ready *
 * weight) // messages_per_worker + 1))}. The expected column was computed by Python itself, so
 * float truncation cases (100 × 0.57 = 56.999…) are the seed's.
 */
class SeedModeTest {

    private final AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();

    @ParameterizedTest(name = "ready {0} x weight {1} // {2} + 1, clamp [{3}, {4}] -> {5}")
    @CsvSource({
        "0, 0.4, 200, 1, 10, 1",
        "199, 1.0, 200, 1, 10, 1",
        "200, 1.0, 200, 1, 10, 2",
        "4999, 0.4, 200, 1, 10, 10",
        "5000, 0.4, 200, 1, 10, 10",
        "50000, 0.4, 200, 1, 10, 10",
        "50000, 0.6, 200, 1, 10, 10",
        "1000, 0.6, 200, 1, 10, 4",
        "100, 0.57, 1, 1, 100, 57",
        "100, 0.07, 1, 1, 100, 8",
        "999, 0.6, 200, 1, 10, 3",
        "1200, 0.6, 200, 1, 10, 4",
        "333, 0.3, 10, 1, 50, 10",
        "10, 0.1, 1, 0, 10, 2",
        "0, 0.6, 200, 2, 10, 2",
        "1000000, 1.0, 200, 1, 10, 10",
        "2999, 0.5, 100, 3, 20, 15",
        "7, 0.29, 1, 0, 100, 3",
        "123456, 0.123, 7, 1, 100000, 2170",
        "1000, 0.6, 1000, 0, 10, 1",
    })
    void seedModeEqualsTheSeedFormula(
            long ready, double weight, int perWorker, int min, int max, int expected) {
        assertEquals(expected, SeedRule.target(ready, weight, perWorker, min, max));
        // Through the engine: unacked messages, arrivals and history do not enter the seed rule.
        Decision d =
                engine.decide(
                                snapshot(queue("q", inputs(ready, 12_345, 900, 3, 40.0))),
                                Map.of("q", Fixtures.seedPolicy(weight, min, max, perWorker)),
                                budget(1_000_000),
                                History.empty(),
                                at(0))
                        .decisions()
                        .get(0);
        assertEquals(expected, d.target(), d.reason());
    }
}
