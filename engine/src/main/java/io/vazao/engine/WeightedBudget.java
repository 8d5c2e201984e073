package io.vazao.engine;

/**
 * Shares an integer worker budget between queues by weighted max-min fairness (water-filling).
 *
 * <p>Every queue i has a floor f<sub>i</sub> (its minimum), a cap c<sub>i</sub> (what it wants) and
 * a weight w<sub>i</sub>. When the caps fit in the budget every queue gets its cap. Otherwise the
 * continuous share is x<sub>i</sub> = clamp(w<sub>i</sub>·λ, f<sub>i</sub>, c<sub>i</sub>) with the
 * single level λ at which the shares add up to the budget: floors are honoured first, no queue gets
 * more than it wants, and what a satisfied queue leaves flows to the others in proportion to their
 * weights. The shares are then rounded to integers by largest remainder (ties by queue name), so
 * each integer target is within one worker of its continuous share and the targets add up to the
 * budget exactly.
 *
 * <p>When the floors alone exceed the budget the problem is infeasible: the budget is then shared
 * the same way with caps = floors (every queue gets at most its floor) and {@link
 * Result#feasible()} is false, so the caller can report a configuration error instead of
 * overrunning the budget.
 */
public final class WeightedBudget {

    private static final double SCALE = 1e9;

    private WeightedBudget() {}

    /**
     * @param shares the integer targets, index by index
     * @param level the water level λ (targets of contended queues ≈ weight × λ); NaN when the
     *     budget was not binding
     * @param binding whether the caps did not fit and the budget decided
     * @param feasible false when the floors alone exceed the budget
     */
    public record Result(int[] shares, double level, boolean binding, boolean feasible) {}

    /**
     * @param names queue names, for the deterministic tie-break of the rounding
     * @param floors f<sub>i</sub> ≥ 0
     * @param caps c<sub>i</sub> ≥ f<sub>i</sub>
     * @param weights w<sub>i</sub> &gt; 0
     * @param budget the total, ≥ 0
     */
    public static Result share(
            String[] names, int[] floors, int[] caps, double[] weights, int budget) {
        int n = floors.length;
        long sumCaps = 0;
        long sumFloors = 0;
        for (int i = 0; i < n; i++) {
            sumCaps += caps[i];
            sumFloors += floors[i];
        }
        if (sumCaps <= budget) {
            return new Result(caps.clone(), Double.NaN, false, true);
        }
        if (sumFloors <= budget) {
            return fill(names, floors, caps, weights, budget, true);
        }
        return fill(names, new int[n], floors, weights, Math.max(0, budget), false);
    }

    /**
     * Water-fills {@code budget} (with Σ floors ≤ budget &lt; Σ caps) and rounds by largest
     * remainder.
     */
    private static Result fill(
            String[] names,
            int[] floors,
            int[] caps,
            double[] weights,
            int budget,
            boolean feasible) {
        int n = floors.length;
        double level = LevelSearch.level(floors, caps, weights, budget);
        int[] out = new int[n];
        long[] remainder = new long[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.min(caps[i], Math.max(floors[i], weights[i] * level));
            int whole = (int) Math.floor(x);
            out[i] = Math.max(floors[i], Math.min(caps[i], whole));
            // Remainders compared on a fixed grid so that float noise cannot reorder equal shares.
            remainder[i] = Math.round((x - out[i]) * SCALE);
            assigned += out[i];
        }
        long left = budget - assigned;
        if (left > 0) {
            giveByLargestRemainder(names, caps, out, remainder, left);
        } else if (left < 0) {
            // Float noise pushed a floor past an integer: take back from the smallest remainders.
            int[] order =
                    IndexSort.sorted(
                            n,
                            (a, b) ->
                                    remainder[a] != remainder[b]
                                            ? Long.compare(remainder[a], remainder[b])
                                            : names[b].compareTo(names[a]));
            for (int k = 0; k < n && left < 0; k++) {
                int i = order[k];
                if (out[i] > floors[i]) {
                    out[i]--;
                    left++;
                }
            }
        }
        return new Result(out, level, true, feasible);
    }

    /**
     * Hands out {@code left} workers, one each, to the largest remainders among the queues below
     * their cap; equal remainders go by queue name. A selection (not a sort) finds the threshold
     * remainder; only the queues tied at it are ordered by name.
     */
    private static void giveByLargestRemainder(
            String[] names, int[] caps, int[] out, long[] remainder, long left) {
        int n = out.length;
        long[] eligible = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (out[i] < caps[i]) {
                eligible[m++] = remainder[i];
            }
        }
        if (m == 0) {
            return;
        }
        int give = (int) Math.min(left, m);
        long threshold = LongSelect.kthSmallest(eligible, m, m - give); // the give-th largest
        int above = 0;
        for (int k = 0; k < m; k++) {
            if (eligible[k] > threshold) {
                above++;
            }
        }
        int[] tied = new int[m];
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (out[i] < caps[i]) {
                if (remainder[i] > threshold) {
                    out[i]++;
                } else if (remainder[i] == threshold) {
                    tied[t++] = i;
                }
            }
        }
        int rest = give - above;
        if (rest > 0) {
            int[] byName = java.util.Arrays.copyOf(tied, t);
            int[] order =
                    IndexSort.sorted(t, (a, b) -> names[byName[a]].compareTo(names[byName[b]]));
            for (int k = 0; k < rest; k++) {
                out[byName[order[k]]]++;
            }
        }
    }
}
