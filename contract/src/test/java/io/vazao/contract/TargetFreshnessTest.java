package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
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

    @Test
    void aChangeIsReportedOnceEachWay() {
        TargetFreshness f = new TargetFreshness(10_000);
        assertFalse(f.changed("1", 0), "fresh at first: nothing to say");
        assertFalse(f.changed("1", 10_000));
        assertTrue(f.changed("1", 10_001), "stale");
        assertTrue(f.reportedStale());
        assertFalse(f.changed("1", 20_000), "still stale: said already");
        assertTrue(f.changed("2", 21_000), "fresh again");
        assertFalse(f.reportedStale());
        assertFalse(f.changed("3", 22_000));
    }
}
