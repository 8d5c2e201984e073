package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetFreshnessTest {

    /** A reading: the counter as read (null: key absent) at a time of the reader's clock. */
    record Read(String tick, long at) {}

    static List<Arguments> cases() {
        return List.of(
                Arguments.of("never read", List.of(), 100_000L, false),
                Arguments.of(
                        "no counter written (older writer)",
                        List.of(new Read(null, 0)),
                        100_000L,
                        false),
                Arguments.of("just seen", List.of(new Read("1", 0)), 5_000L, false),
                Arguments.of(
                        "unchanged up to the limit",
                        List.of(new Read("1", 0), new Read("1", 9_000)),
                        10_000L,
                        false),
                Arguments.of(
                        "unchanged past the limit",
                        List.of(new Read("1", 0), new Read("1", 9_000)),
                        10_001L,
                        true),
                Arguments.of(
                        "changing every tick",
                        List.of(new Read("1", 0), new Read("2", 8_000), new Read("3", 16_000)),
                        20_000L,
                        false),
                Arguments.of(
                        "a lost counter keeps the last change",
                        List.of(new Read("7", 0), new Read(null, 5_000)),
                        10_001L,
                        true),
                Arguments.of(
                        "reset by a Redis that lost it counts as a change",
                        List.of(new Read("7", 0), new Read("1", 9_000)),
                        15_000L,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void staleOnlyWhenTheCounterStoodStillTooLong(
            String name, List<Read> reads, long now, boolean stale) {
        TargetFreshness f = new TargetFreshness(10_000);
        reads.forEach(r -> f.observe(r.tick(), r.at()));
        assertEquals(stale, f.stale(now), name);
    }
}
