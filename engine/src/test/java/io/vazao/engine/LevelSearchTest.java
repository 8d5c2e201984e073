package io.vazao.engine;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

/**
 * The water level found without sorting must be exactly the level of the sorted search it replaced:
 * the targets, and so every published figure, depend on it to the last bit.
 */
class LevelSearchTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // name | floors | caps | weights | budget | level
                "one queue grows from its floor      | 1       | 9       | 0.5         | 4  | 8.0",
                "equal weights share evenly          | 0 0     | 9 9     | 1 1         | 6  | 3.0",
                "a satisfied queue leaves the rest   | 0 0     | 1 9     | 1 1         | 6  | 5.0",
                "weights 0.2 0.3 0.5, budget 5       | 1 1 1   | 10 10 10 | 0.2 0.3 0.5 | 5  | 5.0",
                "a floor above the level is kept     | 4 0     | 9 9     | 1 1         | 6  | 2.0",
                "equal breakpoints of several queues | 2 2 2 0 | 4 4 4 9 | 1 1 1 1     | 9  | 2.25",
                "the budget at a breakpoint          | 0 0     | 2 9     | 1 1         | 4  | 2.0"
            })
    void theLevelFillsTheBudget(
            String name, String floors, String caps, String weights, int budget, double level) {
        int[] f = ints(floors);
        int[] c = ints(caps);
        double[] w = doubles(weights);
        assertEquals(level, LevelSearch.level(f, c, w, budget), 1e-12, name);
        assertEquals(sortedLevel(f, c, w, budget), LevelSearch.level(f, c, w, budget), 0.0, name);
    }

    @Test
    void theLevelIsExactlyTheSortedSearchs() {
        qtAtLeast(3000).forAll(binding()).checkAssert(LevelSearchTest::sameLevel);
    }

    /** As many queues as a large installation has, few distinct weights (ties) or many. */
    @Test
    void theLevelIsExactlyTheSortedSearchsForThousandsOfQueues() {
        qtAtLeast(200)
                .forAll(longs().all(), integers().between(1, 3000))
                .checkAssert(
                        (seed, n) -> {
                            SplittableRandom random = new SplittableRandom(seed);
                            boolean ties = random.nextBoolean();
                            int[] f = new int[n];
                            int[] cap = new int[n];
                            double[] w = new double[n];
                            for (int i = 0; i < n; i++) {
                                f[i] = random.nextInt(3);
                                cap[i] = f[i] + random.nextInt(21);
                                w[i] =
                                        ties
                                                ? 0.1 * (1 + random.nextInt(5))
                                                : 0.001 + random.nextDouble() * 10;
                            }
                            sameLevel(Problem.binding(f, cap, w, random.nextInt(1 << 30)));
                        });
    }

    private static void sameLevel(Problem p) {
        assertEquals(
                sortedLevel(p.floors, p.caps, p.weights, p.budget),
                LevelSearch.level(p.floors, p.caps, p.weights, p.budget),
                0.0,
                p.toString());
    }

    @Test
    void fromAnyBreakpointTheCheckReachesTheSortedSearchsBreakpoint() {
        qtAtLeast(1000)
                .forAll(binding())
                .checkAssert(
                        p -> {
                            double expected = sortedLeft(p.floors, p.caps, p.weights, p.budget);
                            LevelSearch.Queues queues =
                                    new LevelSearch.Queues(p.floors, p.caps, p.weights);
                            for (int i = 0; i < p.floors.length; i++) {
                                if (p.caps[i] > p.floors[i]) {
                                    double start = p.floors[i] / p.weights[i];
                                    double end = p.caps[i] / p.weights[i];
                                    assertEquals(expected, queues.exact(start, p.budget), 0.0);
                                    assertEquals(expected, queues.exact(end, p.budget), 0.0);
                                }
                            }
                        });
    }

    /** A sharing problem as {@code fill} meets it: Σ floors ≤ budget < Σ caps. */
    record Problem(int[] floors, int[] caps, double[] weights, int budget) {

        /** The budget {@code seed} (≥ 0) moved between the floors' sum and the caps'. */
        static Problem binding(int[] floors, int[] caps, double[] weights, int seed) {
            long low = 0;
            long high = 0;
            for (int i = 0; i < floors.length; i++) {
                low += floors[i];
                high += caps[i];
            }
            if (high == low) {
                caps[0]++; // some queue must be able to grow for a level to exist
                high++;
            }
            return new Problem(floors, caps, weights, (int) (low + seed % (high - low)));
        }

        @Override
        public String toString() {
            return Arrays.toString(floors)
                    + " "
                    + Arrays.toString(caps)
                    + " "
                    + Arrays.toString(weights)
                    + " budget "
                    + budget;
        }
    }

    /** The sharing properties' cases, with the budget moved between the floors' and caps' sums. */
    private static Gen<Problem> binding() {
        return WeightedBudgetPropertiesTest.cases()
                .map(
                        c -> {
                            List<WeightedBudgetPropertiesTest.Item> items = c.items();
                            int n = items.size();
                            int[] f = new int[n];
                            int[] cap = new int[n];
                            double[] w = new double[n];
                            for (int i = 0; i < n; i++) {
                                f[i] = items.get(i).floor();
                                cap[i] = items.get(i).cap();
                                w[i] = items.get(i).weight();
                            }
                            return Problem.binding(f, cap, w, c.budget());
                        });
    }

    /**
     * The search this class replaced, as the reference: every breakpoint sorted, the largest one
     * where S (summed queue by queue) is within the budget found by bisection, then S's linear
     * piece from there.
     */
    static double sortedLevel(int[] floors, int[] caps, double[] weights, int budget) {
        if (!growing(floors, caps)) {
            return 0;
        }
        int n = floors.length;
        double left = sortedLeft(floors, caps, weights, budget);
        double base = sum(floors, caps, weights, left);
        double slope = 0;
        for (int i = 0; i < n; i++) {
            if (caps[i] > floors[i]
                    && floors[i] / weights[i] <= left
                    && left < caps[i] / weights[i]) {
                slope += weights[i];
            }
        }
        return slope <= 0 || base >= budget ? left : left + (budget - base) / slope;
    }

    private static boolean growing(int[] floors, int[] caps) {
        for (int i = 0; i < floors.length; i++) {
            if (caps[i] > floors[i]) {
                return true;
            }
        }
        return false;
    }

    /** The largest sorted breakpoint where S is within the budget (the smallest when none is). */
    static double sortedLeft(int[] floors, int[] caps, double[] weights, int budget) {
        int n = floors.length;
        double[] at = new double[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (caps[i] > floors[i]) {
                at[m++] = floors[i] / weights[i];
                at[m++] = caps[i] / weights[i];
            }
        }
        Arrays.sort(at, 0, m);
        int lo = 0;
        int hi = m - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sum(floors, caps, weights, at[mid]) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return at[lo];
    }

    private static double sum(int[] floors, int[] caps, double[] weights, double level) {
        double s = 0;
        for (int i = 0; i < floors.length; i++) {
            s += Math.min(caps[i], Math.max(floors[i], weights[i] * level));
        }
        return s;
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String s) {
        return Arrays.stream(s.trim().split(" +")).mapToDouble(Double::parseDouble).toArray();
    }
}
