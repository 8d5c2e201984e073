package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedPolicyTest {

    @ParameterizedTest(name = "ready={0} weight={1} max={2} -> {3}")
    @CsvSource({
        "0, 0.4, 10, 1",
        "499, 0.4, 10, 1", // int(199.6) // 200 + 1
        "500, 0.4, 10, 2", // 200 // 200 + 1
        "999, 0.6, 10, 3", // int(599.4) = 599 // 200 + 1
        "1999, 1.0, 10, 10",
        "2000, 1.0, 10, 10", // 11, clamped to the maximum
        "20000, 0.6, 10, 10",
        "20000, 0.6, 100, 61",
        "3000, 0.4, 5, 5",
    })
    void formulaOfTheReplacedSystem(long ready, double weight, int max, int expected) {
        assertEquals(expected, SeedPolicy.target(ready, weight, max));
    }

    @ParameterizedTest(name = "{0} -> weight {1}")
    @CsvSource({"business_queue_1, 0.4", "business_queue_2, 0.6", "other, 1.0"})
    void weightsAreTheSeeds(String queue, double weight) {
        assertEquals(weight, SeedPolicy.weightOf(queue));
    }

    @Test
    void countsReadyMessagesOnlyAndEvaluatesEveryTenSeconds() {
        SeedPolicy seed = new SeedPolicy(10);
        assertEquals(10.0, seed.periodSeconds());
        Map<String, Integer> targets =
                seed.decide(
                        0,
                        Map.of("business_queue_2", new Observation(0, 5_000, 0, 0, 1, 0)),
                        Map.of("business_queue_2", 1));
        assertEquals(
                1, targets.get("business_queue_2"), "unacked messages are invisible to the seed");
    }
}
