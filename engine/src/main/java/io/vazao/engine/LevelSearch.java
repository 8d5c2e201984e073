package io.vazao.engine;

/**
 * The water level of a weighted share: the λ at which S(λ) = Σ clamp(w·λ, f, c) reaches the budget.
 * S is piecewise linear and non-decreasing in λ with breakpoints at f/w (a queue starts to grow)
 * and c/w (it is satisfied); the segment that crosses the budget starts at the largest breakpoint
 * where S ≤ budget, and S is linear inside it.
 *
 * <p>That breakpoint is found without sorting the 2 × queues breakpoints (sorting them, up to three
 * times a tick, was a fifth of a decision's time at 1,000 queues): as in quickselect, each round
 * tests one pivot and keeps only the breakpoints on the side still in question, and every queue
 * whose clamp is decided on what is left (at its floor, at its cap, or growing throughout) is
 * folded into a constant and a slope, so a round costs the queues still in question, not all of
 * them. The folded sum rounds differently from summing every queue; so the breakpoint found is then
 * checked, and moved to a neighbour if need be, with S summed queue by queue as before: the answer
 * is exactly the sorted search's.
 */
final class LevelSearch {

    private LevelSearch() {}

    static double level(int[] floors, int[] caps, double[] weights, int budget) {
        Queues q = new Queues(floors, caps, weights);
        if (q.count == 0) {
            return 0;
        }
        double left = q.exact(folded(q, budget), budget);
        double base = q.sum(left);
        // Slope just right of `left`: the queues still growing there.
        double slope = 0;
        for (int k = 0; k < q.count; k++) {
            int i = q.growing[k];
            if (q.start(i) <= left && left < q.end(i)) {
                slope += weights[i];
            }
        }
        if (slope <= 0 || base >= budget) {
            return left;
        }
        return left + (budget - base) / slope;
    }

    /**
     * The largest breakpoint at which the folded S is within the budget, or the smallest breakpoint
     * when none is.
     */
    private static double folded(Queues q, int budget) {
        double[] candidates = new double[2 * q.count];
        int[] open = new int[q.count];
        int m = 0;
        for (int k = 0; k < q.count; k++) {
            int i = q.growing[k];
            open[k] = i;
            candidates[m++] = q.start(i);
            candidates[m++] = q.end(i);
        }
        int active = q.count;
        double constant = q.fixed;
        double slope = 0;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double best = q.smallest();
        while (m > 0) {
            double pivot = medianOfThree(candidates[0], candidates[m >>> 1], candidates[m - 1]);
            double s = constant + slope * pivot;
            for (int k = 0; k < active; k++) {
                s += q.share(open[k], pivot);
            }
            boolean within = s <= budget;
            if (within) {
                best = pivot;
                lo = pivot;
            } else {
                hi = pivot;
            }
            int kept = 0;
            for (int j = 0; j < m; j++) {
                double v = candidates[j];
                candidates[kept] = v;
                // no branch: which side a breakpoint lies on is a coin toss for the predictor
                kept += (v > lo) & (v < hi) ? 1 : 0;
            }
            m = kept;
            int still = 0;
            for (int k = 0; k < active; k++) {
                int i = open[k];
                if (q.end(i) <= lo) {
                    constant += q.caps[i];
                } else if (q.start(i) >= hi) {
                    constant += q.floors[i];
                } else if (q.start(i) <= lo && q.end(i) >= hi) {
                    slope += q.weights[i];
                } else {
                    open[still++] = i;
                }
            }
            active = still;
        }
        return best;
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** The queues that can grow (cap above floor) and S summed queue by queue. */
    static final class Queues {
        final int[] floors;
        final int[] caps;
        final double[] weights;
        final int[] growing;
        final int count;

        // Each queue's breakpoints, divided once: the search reads them several times a round.
        final double[] starts;
        final double[] ends;

        /** What the queues that cannot grow add at every level. */
        final double fixed;

        Queues(int[] floors, int[] caps, double[] weights) {
            this.floors = floors;
            this.caps = caps;
            this.weights = weights;
            int n = floors.length;
            int[] g = new int[n];
            this.starts = new double[n];
            this.ends = new double[n];
            int c = 0;
            double f = 0;
            for (int i = 0; i < n; i++) {
                if (caps[i] > floors[i]) {
                    g[c++] = i;
                    starts[i] = floors[i] / weights[i];
                    ends[i] = caps[i] / weights[i];
                } else {
                    f += caps[i];
                }
            }
            this.growing = g;
            this.count = c;
            this.fixed = f;
        }

        /** The level at which queue {@code i} starts to grow above its floor. */
        double start(int i) {
            return starts[i];
        }

        /** The level at which queue {@code i} reaches its cap. */
        double end(int i) {
            return ends[i];
        }

        double share(int i, double level) {
            return Math.min(caps[i], Math.max(floors[i], weights[i] * level));
        }

        double sum(double level) {
            double s = 0;
            for (int i = 0; i < floors.length; i++) {
                s += share(i, level);
            }
            return s;
        }

        double smallest() {
            double v = Double.POSITIVE_INFINITY;
            for (int k = 0; k < count; k++) {
                v = Math.min(v, start(growing[k]));
            }
            return v;
        }

        /** The nearest breakpoint above {@code v} (NaN: none) or below it (NaN: none). */
        double neighbour(double v, boolean above) {
            double best = Double.NaN;
            for (int k = 0; k < count; k++) {
                int i = growing[k];
                best = closer(best, start(i), v, above);
                best = closer(best, end(i), v, above);
            }
            return best;
        }

        private static double closer(double best, double b, double v, boolean above) {
            boolean beyond = above ? b > v : b < v;
            if (!beyond) {
                return best;
            }
            return Double.isNaN(best) || (above ? b < best : b > best) ? b : best;
        }

        /**
         * From a breakpoint near the answer, the largest breakpoint where S summed queue by queue
         * is within the budget (the smallest breakpoint when none is).
         */
        double exact(double guess, int budget) {
            double v = guess;
            if (sum(v) <= budget) {
                for (double up = neighbour(v, true);
                        !Double.isNaN(up) && sum(up) <= budget;
                        up = neighbour(v, true)) {
                    v = up;
                }
                return v;
            }
            for (double down = neighbour(v, false);
                    !Double.isNaN(down);
                    down = neighbour(v, false)) {
                v = down;
                if (sum(v) <= budget) {
                    break;
                }
            }
            return v;
        }
    }
}
