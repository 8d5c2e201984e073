package io.vazao.engine;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The standby pool's size: its queue's recent scale-ups, shared within a memory budget. */
class StandbyDemandTest {

    static final long W = StandbyDemand.WINDOW_MILLIS;
    static final long MIB = 1024 * 1024;

    /** Jumps are {at, workers} pairs; the pool started at 0. */
    static Stream<Arguments> pools() {
        return Stream.of(
                Arguments.of("no history yet: the configured number", List.of(), W - 1, 3, 3),
                Arguments.of("a window without scale-ups: one", List.of(), W, 3, 1),
                Arguments.of(
                        "a jump of 2 in the window: two", List.of(new long[] {W, 2}), W + 5, 3, 2),
                Arguments.of(
                        "the largest jump of the window counts",
                        List.of(new long[] {W, 5}, new long[] {W + 10, 1}),
                        W + 20,
                        3,
                        3),
                Arguments.of(
                        "a jump older than the window is forgotten",
                        List.of(new long[] {W, 3}, new long[] {2 * W - 1, 2}),
                        2 * W + 1,
                        3,
                        2),
                Arguments.of("standby off: none", List.of(new long[] {W, 4}), W + 1, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void poolSize(String name, List<long[]> jumps, long now, int configured, int wanted) {
        StandbyDemand d = StandbyDemand.startingAt(0);
        for (long[] j : jumps) {
            d = d.record(j[0], (int) j[1]);
        }
        assertEquals(wanted, d.wanted(now, configured));
    }

    @Test
    void aTickWithoutShortfallRecordsNothingAndForgetsOldJumps() {
        StandbyDemand d = StandbyDemand.startingAt(0).record(10, 4).record(20, 0);
        assertEquals(1, d.jumps().size());
        assertEquals(List.of(), d.record(10 + W, 0).jumps());
    }

    @Test
    void theReasonNamesTheLargestScaleUp() {
        StandbyDemand d = StandbyDemand.startingAt(0).record(W, 2);
        assertEquals("largest scale-up of the last 30 s: 2, pool of 1 to 3", d.reason(W + 1, 3));
        assertEquals(
                "no scale-up history yet: the 3 configured",
                StandbyDemand.startingAt(0).reason(1, 3));
    }

    static Stream<Arguments> budgets() {
        return Stream.of(
                Arguments.of("no limit", Map.of("a", 3, "b", 2), 0L, Map.of("a", 3, "b", 2)),
                Arguments.of(
                        "room for all", Map.of("a", 3, "b", 2), 800 * MIB, Map.of("a", 3, "b", 2)),
                Arguments.of(
                        "round-robin when short",
                        Map.of("a", 3, "b", 3),
                        480 * MIB,
                        Map.of("a", 2, "b", 1)),
                Arguments.of(
                        "a budget below one worker", Map.of("a", 3), 100 * MIB, Map.of("a", 0)),
                Arguments.of(
                        "a queue wanting none gets none",
                        Map.of("a", 0, "b", 3),
                        480 * MIB,
                        Map.of("a", 0, "b", 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("budgets")
    void memoryBudget(
            String name, Map<String, Integer> wanted, long budget, Map<String, Integer> allotted) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        wanted.keySet().stream().sorted().forEach(q -> ordered.put(q, wanted.get(q)));
        assertEquals(allotted, StandbyMemory.allot(ordered, budget, 160 * MIB));
    }

    @Test
    void theAllotmentNeverExceedsTheBudgetNorWhatAQueueWantsAndLeavesNoRoomUnused() {
        qtAtLeast(500)
                .forAll(
                        lists().of(integers().between(0, 10)).ofSizeBetween(0, 8),
                        integers().between(0, 4000))
                .checkAssert(
                        (wants, budgetMib) -> {
                            Map<String, Integer> wanted = new LinkedHashMap<>();
                            for (int i = 0; i < wants.size(); i++) {
                                wanted.put("q" + i, wants.get(i));
                            }
                            Map<String, Integer> got =
                                    StandbyMemory.allot(wanted, budgetMib * MIB, 160 * MIB);
                            int total = got.values().stream().mapToInt(Integer::intValue).sum();
                            int asked = wants.stream().mapToInt(Integer::intValue).sum();
                            wanted.forEach((q, w) -> assertTrue(got.get(q) <= w));
                            if (budgetMib > 0) {
                                assertTrue(total <= budgetMib / 160);
                                assertEquals(Math.min(asked, budgetMib / 160), total);
                            } else {
                                assertEquals(asked, total);
                            }
                        });
    }
}
