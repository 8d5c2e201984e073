package io.vazao.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import java.util.Random;

/** The sharing on its own, against a bisection reference, with many ties (few distinct weights). */
class WeightedBudgetPropertiesTest {

    record Item(String name, int floor, int cap, double weight) {
    }

    record Case(List<Item> items, int budget) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Item> item = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(3),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.oneOf(Arbitraries.of(0.5, 1.0, 2.0), Arbitraries.doubles().between(0.01, 10)))
                .as((n, f, extra, w) -> new Item(n, f, f + extra, w));
        return Combinators.combine(item.list().ofMinSize(1).ofMaxSize(40).uniqueElements(Item::name),
                Arbitraries.integers().between(0, 400)).as(Case::new);
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

    @Property
    void sharesAreWithinOneWorkerOfTheContinuousFairShare(@ForAll("cases") Case c) {
        List<Item> items = c.items();
        int[] out = run(items, c.budget());
        long sumFloors = items.stream().mapToLong(Item::floor).sum();
        long sumCaps = items.stream().mapToLong(Item::cap).sum();
        boolean feasible = sumFloors <= c.budget();
        // floors and caps of the problem actually solved (infeasible: 0 .. floor)
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
        double a = 0;
        double b = 1e9;
        for (int it = 0; it < 200; it++) {
            double mid = (a + b) / 2;
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.min(hi[i], Math.max(lo[i], items.get(i).weight() * mid));
            }
            if (s < c.budget()) {
                a = mid;
            } else {
                b = mid;
            }
        }
        for (int i = 0; i < n; i++) {
            double ideal = Math.min(hi[i], Math.max(lo[i], items.get(i).weight() * b));
            assertTrue(out[i] >= lo[i] && out[i] <= hi[i], "share " + out[i] + " outside [" + lo[i] + ", " + hi[i] + "]");
            assertTrue(Math.abs(out[i] - ideal) < 1 + 1e-6, items.get(i) + ": " + out[i] + " vs fair " + ideal);
        }
    }

    @Property
    void theOrderOfTheQueuesDoesNotMatter(@ForAll("cases") Case c, @ForAll Random random) {
        List<Item> shuffled = new ArrayList<>(c.items());
        Collections.shuffle(shuffled, random);
        int[] original = run(c.items(), c.budget());
        int[] permuted = run(shuffled, c.budget());
        for (int i = 0; i < shuffled.size(); i++) {
            int at = c.items().indexOf(shuffled.get(i));
            assertEquals(original[at], permuted[i], shuffled.get(i).name());
        }
    }
}
