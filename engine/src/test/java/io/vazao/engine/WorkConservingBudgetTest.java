package io.vazao.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

class WorkConservingBudgetTest {

    /** One queue: its minimum, what its demand asks for now, what its window keeps, its weight. */
    record Item(int floor, int need, int want, double weight) {}

    record Case(List<Item> items, int budget) {
        String[] names() {
            String[] n = new String[items.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = "q" + i;
            }
            return n;
        }

        int[] pick(java.util.function.ToIntFunction<Item> f) {
            return items.stream().mapToInt(f).toArray();
        }

        double[] weights() {
            return items.stream().mapToDouble(Item::weight).toArray();
        }

        WorkConservingBudget.Result share() {
            return WorkConservingBudget.share(
                    names(),
                    pick(Item::floor),
                    pick(Item::need),
                    pick(Item::want),
                    weights(),
                    budget);
        }
    }

    static Gen<Case> cases() {
        Gen<Double> weight =
                arbitrary().pick(0.2, 0.3, 0.5, 1.0, 2.0).mix(doubles().between(0.01, 10));
        Gen<Item> item =
                integers()
                        .between(0, 3)
                        .zip(
                                integers().between(0, 10),
                                integers().between(0, 10),
                                weight,
                                (floor, aboveFloor, kept, w) ->
                                        new Item(
                                                floor,
                                                floor + aboveFloor,
                                                floor + aboveFloor + kept,
                                                w));
        return lists().of(item).ofSizeBetween(1, 12).zip(integers().between(0, 80), Case::new);
    }

    @Test
    void underABindingBudgetNoQueueKeepsAWorkerAboveItsNeedWhileAnotherIsBelowItsNeed() {
        qt().withExamples(2_000)
                .forAll(cases())
                .checkAssert(
                        c -> {
                            int[] needs = c.pick(Item::need);
                            int[] floors = c.pick(Item::floor);
                            int[] shares = c.share().shares();
                            if (java.util.Arrays.stream(floors).sum() > c.budget()) {
                                return; // a configuration error: the plain sharing below the
                                // minimums applies
                            }
                            assertFalse(
                                    WorkConservingBudget.starvesWhileKeeping(shares, needs),
                                    "shares " + java.util.Arrays.toString(shares) + " for " + c);
                        });
    }

    @Test
    void theBudgetIsNeverExceededAndNoQueueGetsMoreThanItWantsOrLessThanItsFloor() {
        qt().withExamples(2_000)
                .forAll(cases())
                .checkAssert(
                        c -> {
                            WorkConservingBudget.Result r = c.share();
                            int[] wants = c.pick(Item::want);
                            int[] floors = c.pick(Item::floor);
                            int total = 0;
                            for (int i = 0; i < wants.length; i++) {
                                total += r.shares()[i];
                                assertTrue(r.shares()[i] <= wants[i], "share above want in " + c);
                                assertTrue(
                                        !r.feasible() || r.shares()[i] >= floors[i],
                                        "share below floor in " + c);
                            }
                            assertTrue(total <= Math.max(0, c.budget()), "budget exceeded in " + c);
                            assertEquals(
                                    Math.min(c.budget(), java.util.Arrays.stream(wants).sum()),
                                    total,
                                    "capacity left idle in " + c);
                        });
    }

    @Test
    void withoutAWindowKeepingWorkersTheSharingIsTheWeightedOneUnchanged() {
        qt().withExamples(1_000)
                .forAll(cases())
                .checkAssert(
                        c -> {
                            List<Item> noWindow =
                                    c.items().stream()
                                            .map(
                                                    i ->
                                                            new Item(
                                                                    i.floor(),
                                                                    i.need(),
                                                                    i.need(),
                                                                    i.weight()))
                                            .toList();
                            Case plain = new Case(noWindow, c.budget());
                            WorkConservingBudget.Result r = plain.share();
                            assertFalse(r.moved());
                            assertArrayEquals(
                                    WeightedBudget.share(
                                                    plain.names(),
                                                    plain.pick(Item::floor),
                                                    plain.pick(Item::need),
                                                    plain.weights(),
                                                    plain.budget())
                                            .shares(),
                                    r.shares());
                        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the case: budget 5, 0.2/0.3/0.5; the two heavy queues drained, their
                // windows keep 2 each
                "two drained queues give their kept workers to the starved one | 5 | 1,1,1 | 5,1,1 | 5,2,2 | 0.2,0.3,0.5 | 3,1,1",
                "nobody else wants them: the window keeps them                | 5 | 1,1,1 | 1,1,1 | 1,2,2 | 0.2,0.3,0.5 | 1,2,2",
                "a busy queue keeps its share; only window-kept workers move  | 6 | 1,1   | 6,3   | 6,5   | 0.5,0.5     | 3,3",
                "what the needs leave goes back to the windows, by weight     | 6 | 0,0,0 | 2,1,1 | 2,4,4 | 1,1,2       | 2,1,3"
            })
    void examples(
            String name,
            int budget,
            String floors,
            String needs,
            String wants,
            String weights,
            String expected) {
        int[] f = ints(floors);
        int[] nd = ints(needs);
        int[] w = ints(wants);
        double[] wt =
                java.util.Arrays.stream(weights.split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
        String[] names = new String[f.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "q" + i;
        }
        assertArrayEquals(
                ints(expected),
                WorkConservingBudget.share(names, f, nd, w, wt, budget).shares(),
                name);
    }

    private static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
