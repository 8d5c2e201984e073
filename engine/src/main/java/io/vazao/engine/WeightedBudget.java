package io.vazao.engine;

import java.util.Arrays;

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
 * the same way with caps = floors (every queue gets at most its floor) and {@link Result#feasible()}
 * is false, so the caller can report a configuration error instead of overrunning the budget.
 */
public final class WeightedBudget {

    private static final double SCALE = 1e9;

    private WeightedBudget() {
    }

    /**
     * @param shares    the integer targets, index by index
     * @param level     the water level λ (targets of contended queues ≈ weight × λ); NaN when the
     *                  budget was not binding
     * @param binding   whether the caps did not fit and the budget decided
     * @param feasible  false when the floors alone exceed the budget
     */
    public record Result(int[] shares, double level, boolean binding, boolean feasible) {
    }

    /**
     * @param names   queue names, for the deterministic tie-break of the rounding
     * @param floors  f<sub>i</sub> ≥ 0
     * @param caps    c<sub>i</sub> ≥ f<sub>i</sub>
     * @param weights w<sub>i</sub> &gt; 0
     * @param budget  the total, ≥ 0
     */
    public static Result share(String[] names, int[] floors, int[] caps, double[] weights, int budget) {
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

    /** Water-fills {@code budget} (with Σ floors ≤ budget &lt; Σ caps) and rounds by largest remainder. */
    private static Result fill(String[] names, int[] floors, int[] caps, double[] weights, int budget,
                               boolean feasible) {
        int n = floors.length;
        double level = level(floors, caps, weights, budget);
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
        if (left != 0) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (left > 0) {
                Arrays.sort(order, (a, b) -> remainder[a] != remainder[b]
                        ? Long.compare(remainder[b], remainder[a]) : names[a].compareTo(names[b]));
                for (int k = 0; k < n && left > 0; k++) {
                    int i = order[k];
                    if (out[i] < caps[i]) {
                        out[i]++;
                        left--;
                    }
                }
            } else {
                // Float noise pushed a floor past an integer: take back from the smallest remainders.
                Arrays.sort(order, (a, b) -> remainder[a] != remainder[b]
                        ? Long.compare(remainder[a], remainder[b]) : names[b].compareTo(names[a]));
                for (int k = 0; k < n && left < 0; k++) {
                    int i = order[k];
                    if (out[i] > floors[i]) {
                        out[i]--;
                        left++;
                    }
                }
            }
        }
        return new Result(out, level, true, feasible);
    }

    /**
     * The λ at which Σ clamp(w·λ, f, c) = budget. Σ is piecewise linear and non-decreasing in λ; its
     * slope changes at f/w (a queue starts to grow) and c/w (it is satisfied), so one sweep over the
     * sorted breakpoints finds λ exactly in O(n log n).
     */
    static double level(int[] floors, int[] caps, double[] weights, int budget) {
        int n = floors.length;
        double[] at = new double[2 * n];
        double[] slopeChange = new double[2 * n];
        int m = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += floors[i];
            if (caps[i] > floors[i]) {
                at[m] = floors[i] / weights[i];
                slopeChange[m++] = weights[i];
                at[m] = caps[i] / weights[i];
                slopeChange[m++] = -weights[i];
            }
        }
        Integer[] idx = new Integer[m];
        for (int k = 0; k < m; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(at[a], at[b]));
        double slope = 0;
        double lambda = 0;
        for (int k = 0; k < m; k++) {
            int e = idx[k];
            double next = at[e];
            if (slope > 0 && sum + slope * (next - lambda) >= budget) {
                return lambda + (budget - sum) / slope;
            }
            sum += slope * (next - lambda);
            lambda = next;
            slope += slopeChange[e];
        }
        // Only reached through rounding when Σ caps ≈ budget: the last breakpoint satisfies everyone.
        return lambda;
    }
}
