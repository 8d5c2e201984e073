package io.vazao.engine;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.vazao.testsupport.Generators;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The sharing on its own, against a bisection reference, with many ties (few distinct weights). */
class WeightedBudgetPropertiesTest {

    record Item(String name, int floor, int cap, double weight) {}

    record Case(List<Item> items, int budget) {}

    static Gen<Case> cases() {
        Gen<String> names = Generators.strings("abcdef", 1, 3);
        Gen<Integer> floors = integers().between(0, 5);
        Gen<Integer> extras = integers().between(0, 30);
        Gen<Double> weights =
                Generate.oneOf(
                        Generate.pick(List.of(0.5, 1.0, 2.0)), Generators.decimals(0.01, 10));
        Gen<Item> item =
                in -> {
                    String name = names.generate(in);
                    int floor = floors.generate(in);
                    return new Item(name, floor, floor + extras.generate(in), weights.generate(in));
                };
        return distinctByName(item, 1, 40).zip(integers().between(0, 400), Case::new);
    }

    /**
     * Lists of {@code min} to {@code max} items, no two with the same name (as the queues of a
     * tick).
     */
    private static Gen<List<Item>> distinctByName(Gen<Item> item, int min, int max) {
        Gen<Integer> sizes = integers().between(min, max);
        return in -> {
            int size = sizes.generate(in);
            Map<String, Item> byName = new LinkedHashMap<>();
            while (byName.size() < size) {
                Item next = item.generate(in);
                byName.putIfAbsent(next.name(), next);
            }
            return new ArrayList<>(byName.values());
        };
    }

    private static int[] run(List<Item> items, int budget) {
        int n = items.size();
        String[] names = new String[n];
        int[] floors = new int[n];
        int[] caps = new int[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            names[i] = items.get(i).name();
            floors[i] = items.get(i).floor();
            caps[i] = items.get(i).cap();
            weights[i] = items.get(i).weight();
        }
        return WeightedBudget.share(names, floors, caps, weights, budget).shares();
    }

    @Test
    void sharesAreWithinOneWorkerOfTheContinuousFairShare() {
        qtAtLeast(1000)
                .forAll(cases())
                .checkAssert(
                        c -> {
                            List<Item> items = c.items();
                            int[] out = run(items, c.budget());
                            long sumFloors = items.stream().mapToLong(Item::floor).sum();
                            long sumCaps = items.stream().mapToLong(Item::cap).sum();
                            boolean feasible = sumFloors <= c.budget();
                            // floors and caps of the problem actually solved (infeasible: 0 ..
                            // floor)
                            int n = items.size();
                            double[] lo = new double[n];
                            double[] hi = new double[n];
                            for (int i = 0; i < n; i++) {
                                lo[i] = feasible ? items.get(i).floor() : 0;
                                hi[i] = feasible ? items.get(i).cap() : items.get(i).floor();
                            }
                            long total = 0;
                            for (int x : out) {
                                total += x;
                            }
                            assertEquals(Math.min(c.budget(), sumCaps), total);
                            if (sumCaps <= c.budget()) {
                                return;
                            }
                            WaterLevel.Share share =
                                    (i, level) ->
                                            Math.min(
                                                    hi[i],
                                                    Math.max(lo[i], items.get(i).weight() * level));
                            double level = WaterLevel.find(c.budget(), n, share);
                            for (int i = 0; i < n; i++) {
                                double ideal = share.of(i, level);
                                assertTrue(
                                        out[i] >= lo[i] && out[i] <= hi[i],
                                        "share "
                                                + out[i]
                                                + " outside ["
                                                + lo[i]
                                                + ", "
                                                + hi[i]
                                                + "]");
                                assertTrue(
                                        Math.abs(out[i] - ideal) < 1 + 1e-6,
                                        items.get(i) + ": " + out[i] + " vs fair " + ideal);
                            }
                        });
    }

    @Test
    void theOrderOfTheQueuesDoesNotMatter() {
        Gen<Random> randoms = longs().all().map(Random::new);
        qtAtLeast(1000)
                .forAll(cases(), randoms)
                .checkAssert(
                        (c, random) -> {
                            List<Item> shuffled = new ArrayList<>(c.items());
                            Collections.shuffle(shuffled, random);
                            int[] original = run(c.items(), c.budget());
                            int[] permuted = run(shuffled, c.budget());
                            for (int i = 0; i < shuffled.size(); i++) {
                                int at = c.items().indexOf(shuffled.get(i));
                                assertEquals(original[at], permuted[i], shuffled.get(i).name());
                            }
                        });
    }
}
