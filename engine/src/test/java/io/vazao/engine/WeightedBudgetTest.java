package io.vazao.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WeightedBudgetTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, floors, caps, weights, budget, expected
                Arguments.of(
                        "caps fit: everyone gets what it wants",
                        new int[] {1, 1},
                        new int[] {3, 4},
                        new double[] {0.4, 0.6},
                        12,
                        new int[] {3, 4}),
                Arguments.of(
                        "40/60 of 12 -> 4.8/7.2 -> 5/7",
                        new int[] {1, 1},
                        new int[] {10, 10},
                        new double[] {0.4, 0.6},
                        12,
                        new int[] {5, 7}),
                Arguments.of(
                        "40/60 of 10 -> 4/6 exactly",
                        new int[] {1, 1},
                        new int[] {10, 10},
                        new double[] {0.4, 0.6},
                        10,
                        new int[] {4, 6}),
                Arguments.of(
                        "a satisfied queue's leftovers flow to the other",
                        new int[] {1, 1},
                        new int[] {2, 20},
                        new double[] {0.4, 0.6},
                        12,
                        new int[] {2, 10}),
                Arguments.of(
                        "leftovers split by weight among the still-hungry",
                        new int[] {0, 0, 0},
                        new int[] {1, 20, 20},
                        new double[] {1, 1, 3},
                        13,
                        new int[] {1, 3, 9}),
                Arguments.of(
                        "floors first: a min above the weight share is honoured",
                        new int[] {6, 1},
                        new int[] {10, 10},
                        new double[] {0.1, 0.9},
                        10,
                        new int[] {6, 4}),
                Arguments.of(
                        "equal remainders: tie broken by name (a before b)",
                        new int[] {0, 0},
                        new int[] {5, 5},
                        new double[] {1, 1},
                        3,
                        new int[] {2, 1}),
                Arguments.of(
                        "zero budget, zero floors",
                        new int[] {0, 0},
                        new int[] {5, 5},
                        new double[] {1, 1},
                        0,
                        new int[] {0, 0}),
                Arguments.of(
                        "infeasible floors: budget shared below the floors by weight",
                        new int[] {5, 5},
                        new int[] {8, 8},
                        new double[] {1, 3},
                        8,
                        new int[] {3, 5}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shares(
            String name, int[] floors, int[] caps, double[] weights, int budget, int[] expected) {
        String[] names = new String[floors.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.valueOf((char) ('a' + i));
        }
        WeightedBudget.Result r = WeightedBudget.share(names, floors, caps, weights, budget);
        assertArrayEquals(expected, r.shares(), () -> Arrays.toString(r.shares()));
        long sumFloors = Arrays.stream(floors).sum();
        assertEquals(sumFloors <= budget, r.feasible());
        if (Arrays.stream(caps).sum() > budget) {
            assertEquals(budget, Arrays.stream(r.shares()).sum());
        }
    }

    @org.junit.jupiter.api.Test
    void tieBreakFollowsNamesNotPositions() {
        WeightedBudget.Result r =
                WeightedBudget.share(
                        new String[] {"zeta", "alpha"},
                        new int[] {0, 0},
                        new int[] {5, 5},
                        new double[] {1, 1},
                        3);
        assertArrayEquals(new int[] {1, 2}, r.shares());
        assertTrue(r.binding());
        assertFalse(Double.isNaN(r.level()));
    }
}
