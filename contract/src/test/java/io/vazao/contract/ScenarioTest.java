package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTest {

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyBuiltInParses(String name) {
        Scenario s = Scenario.builtin(name);
        assertEquals(name, s.name());
        assertTrue(s.durationSeconds() > 0);
    }

    static Stream<String> builtIns() {
        return Scenario.BUILT_IN.stream();
    }

    @Test
    void burstScenarioReleasesItsBurstOnce() {
        Scenario s = Scenario.builtin("burst");
        assertEquals(20_000 + 20 * 90, s.arrivals("business_queue_1", 0, 90), 1e-6);
        assertEquals(20_000, s.arrivals("business_queue_1", 5, 5.001) - 20 * 0.001, 1e-6);
    }

    @Test
    void rampIntegratesToItsArea() {
        Scenario s = Scenario.builtin("ramp");
        assertEquals(240 * 60 / 2.0, s.arrivals("business_queue_1", 0, 60), 1e-6);
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of("{\"name\":\"x\",\"queues\":{}}", "queues: at least one"),
                Arguments.of(
                        "{\"name\":\"x\",\"queues\":{\"q\":[]}}", "queues.q: at least one segment"),
                Arguments.of(
                        "{\"name\":\"x\",\"queues\":{\"q\":[{\"kind\":\"warp\",\"from\":0,\"to\":1}]}}",
                        "kind: must be one of"),
                Arguments.of(
                        "{\"name\":\"x\",\"queues\":{\"q\":[{\"kind\":\"steady\",\"rate\":-1,\"from\":0,\"to\":1}]}}",
                        "rate: must be >= 0"),
                Arguments.of(
                        "{\"name\":\"x\",\"queues\":{\"q\":[{\"kind\":\"steady\",\"rate\":1,\"from\":5,\"to\":1}]}}",
                        "to: must be greater"),
                Arguments.of(
                        "{\"name\":\"x\",\"queues\":{\"q\":[{\"kind\":\"sine\",\"mean\":1,\"from\":0,\"to\":1}]}}",
                        "periodSeconds: must be > 0"),
                Arguments.of(
                        "{\"name\":\"x\",\"queues\":{\"q\":[{\"kind\":\"burst\",\"count\":0}]}}",
                        "count: must be > 0"),
                Arguments.of(
                        "{\"name\":\"x\",\"queues\":{\"q\":[{\"kind\":\"spikes\",\"count\":5,\"from\":0,\"to\":9}]}}",
                        "every: must be > 0"),
                Arguments.of("not json", "invalid Scenario JSON"));
    }

    @ParameterizedTest
    @MethodSource("badScenarios")
    void badScenarioIsRejectedWithItsField(String json, String expected) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Scenario.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void unknownBuiltInNamesTheChoices() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Scenario.builtin("nope"));
        assertTrue(e.getMessage().contains("spike-train"), e.getMessage());
    }
}
