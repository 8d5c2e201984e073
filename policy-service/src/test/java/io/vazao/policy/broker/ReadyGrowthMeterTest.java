package io.vazao.policy.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadyGrowthMeterTest {

    static QueueFigures counted(long ready) {
        return new QueueFigures(ready, 0, 1, 0.0, 0.0, 0L, true, true);
    }

    static QueueFigures sampled(long ready) {
        return new QueueFigures(ready, 0, 1, 0.0, 0.0, 0L, true, false);
    }

    record Reading(long atMillis, QueueFigures figures) {}

    static Reading at(long atMillis, QueueFigures figures) {
        return new Reading(atMillis, figures);
    }

    static List<Arguments> cases() {
        return List.of(
                Arguments.of(
                        "first counted figure: nothing to compare",
                        List.of(at(0, counted(10))),
                        null),
                Arguments.of(
                        "burst: 4,000 more ready in 1 s",
                        List.of(at(0, counted(0)), at(1_000, counted(4_000))),
                        4_000.0),
                Arguments.of(
                        "half a second: rate, not difference",
                        List.of(at(0, counted(0)), at(500, counted(1_000))),
                        2_000.0),
                Arguments.of(
                        "draining: no growth is 0, not negative",
                        List.of(at(0, counted(900)), at(1_000, counted(400))),
                        0.0),
                Arguments.of("steady: 0", List.of(at(0, counted(50)), at(1_000, counted(50))), 0.0),
                Arguments.of(
                        "sampled statistic: never compared",
                        List.of(at(0, sampled(0)), at(1_000, sampled(5_000))),
                        null),
                Arguments.of(
                        "a sampled figure in between breaks the chain",
                        List.of(
                                at(0, counted(0)),
                                at(1_000, sampled(100)),
                                at(2_000, counted(3_000))),
                        null),
                Arguments.of(
                        "undeclared queue forgets",
                        List.of(
                                at(0, counted(0)),
                                at(1_000, QueueFigures.undeclared()),
                                at(2_000, counted(10))),
                        null),
                Arguments.of(
                        "missing figures forget",
                        List.of(at(0, counted(0)), at(1_000, null), at(2_000, counted(10))),
                        null),
                Arguments.of(
                        "clock did not move: no rate",
                        List.of(at(1_000, counted(0)), at(1_000, counted(10))),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void growthOfTheLastReading(String name, List<Reading> readings, Double expected) {
        ReadyGrowthMeter meter = new ReadyGrowthMeter();
        List<Double> out = new ArrayList<>();
        readings.forEach(r -> out.add(meter.growth("q", r.figures(), r.atMillis())));
        assertEquals(expected, out.get(out.size() - 1));
    }

    @Test
    void queuesAreMeasuredApartAndForgottenWhenUnmanaged() {
        ReadyGrowthMeter meter = new ReadyGrowthMeter();
        meter.growth("a", counted(0), 0);
        meter.growth("b", counted(100), 0);
        assertEquals(10.0, meter.growth("a", counted(10), 1_000));
        meter.retain(Set.of("a"));
        assertNull(meter.growth("b", counted(200), 1_000));
    }
}
