package io.vazao.engine;

/**
 * The water level of a weighted share: the λ at which S(λ) = Σ clamp(w·λ, f, c) reaches the budget.
 * S is piecewise linear and non-decreasing in λ with breakpoints at f/w (a queue starts to grow)
 * and c/w (it is satisfied); the segment that crosses the budget starts at the largest breakpoint
 * where S ≤ budget, and S is linear inside it.
 *
 * <p>That breakpoint is found without sorting the 2 × queues breakpoints (sorting them, up to three
 * times a tick, was a quarter of a decision's time at 1,000 queues): Newton's method on S, kept
 * inside a bracket that bisection falls back to, finds where S crosses the budget in a few passes
 * over the queues (S is linear between two breakpoints, so once a step lands on the crossing's
 * segment the next pass confirms it); the breakpoint at or below that point is then checked, and
 * moved to a neighbour if float rounding put it one off, with S summed queue by queue as the sorted
 * search summed it: the answer is exactly the sorted search's.
 */
final class LevelSearch {

    /**
     * Newton stops when its step is this small relative to the level: the sum's rounding makes
     * smaller steps noise, and the breakpoint check below corrects a crossing this close to one.
     */
    static final double CLOSE_ENOUGH = 1e-9;

    /** Passes over the queues before the search settles for the bracket's midpoint. */
    static final int MAX_PASSES = 200;

    private LevelSearch() {}

    static double level(int[] floors, int[] caps, double[] weights, int budget) {
        Queues q = new Queues(floors, caps, weights);
        if (q.count == 0) {
            return 0;
        }
        double left = q.exact(q.atOrBelow(crossing(q, budget)), budget);
        double base = q.sum(left);
        // Slope just right of `left`: the queues still growing there.
        double slope = 0;
        for (int k = 0; k < q.count; k++) {
            int i = q.growing[k];
            if (q.growsAt(i, left)) {
                slope += weights[i];
            }
        }
        if (slope <= 0 || base >= budget) {
            return left;
        }
        return left + (budget - base) / slope;
    }

    /**
     * About where S crosses the budget: safeguarded Newton between the smallest breakpoint (S = Σ
     * floors ≤ budget) and the largest (S = Σ caps > budget).
     */
    private static double crossing(Queues q, int budget) {
        double lo = q.smallest;
        double hi = q.largest;
        double sLo = q.floorSum;
        double sHi = q.capSum;
        // First guess: every queue that can grow growing in proportion to its weight, which is
        // close when most are; else S taken as a straight line over the whole bracket.
        double level = (budget - q.fixed) / q.growingWeight;
        if (!(level > lo && level < hi)) {
            level = lo + (budget - sLo) * (hi - lo) / (sHi - sLo);
        }
        for (int pass = 0; pass < MAX_PASSES && lo < level && level < hi; pass++) {
            double s = 0;
            double slope = 0;
            for (int k = 0; k < q.count; k++) {
                int i = q.growing[k];
                s += q.share(i, level);
                if (q.growsAt(i, level)) {
                    slope += q.weights[i];
                }
            }
            s += q.fixed;
            if (s <= budget) {
                lo = level;
                sLo = s;
            } else {
                hi = level;
                sHi = s;
            }
            double next = slope > 0 ? level + (budget - s) / slope : Double.NaN;
            if (Math.abs(next - level) <= CLOSE_ENOUGH * Math.abs(level)) {
                return next; // on the crossing's segment: S is linear there
            }
            if (!(next > lo && next < hi)) {
                next = lo + (hi - lo) / 2; // Newton left the bracket: bisect instead
            }
            level = next;
        }
        return Math.max(lo, Math.min(hi, level));
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

        /** S below every breakpoint (every queue at its floor) and above them (at its cap). */
        final double floorSum;

        final double capSum;

        /** The weights of the queues that can grow. */
        final double growingWeight;

        /**
         * The smallest breakpoint (the first queue starts to grow) and the largest (the last is
         * capped).
         */
        final double smallest;

        final double largest;

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
            double low = 0;
            double high = 0;
            double w = 0;
            double first = Double.POSITIVE_INFINITY;
            double last = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                low += Math.min(caps[i], floors[i]);
                high += caps[i];
                if (caps[i] > floors[i]) {
                    g[c++] = i;
                    starts[i] = floors[i] / weights[i];
                    ends[i] = caps[i] / weights[i];
                    w += weights[i];
                    first = Math.min(first, starts[i]);
                    last = Math.max(last, ends[i]);
                } else {
                    f += caps[i];
                }
            }
            this.growing = g;
            this.count = c;
            this.fixed = f;
            this.floorSum = low;
            this.capSum = high;
            this.growingWeight = w;
            this.smallest = first;
            this.largest = last;
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

        /**
         * Whether queue {@code i} is on its slope at {@code level} (the same divisions as the
         * breakpoints, so a queue starting exactly there counts).
         */
        boolean growsAt(int i, double level) {
            return start(i) <= level && level < end(i);
        }

        /** The largest breakpoint at or below {@code level}, or the smallest when none is. */
        double atOrBelow(double level) {
            double best = Double.NaN;
            for (int k = 0; k < count; k++) {
                int i = growing[k];
                if (start(i) <= level && !(start(i) <= best)) {
                    best = start(i);
                }
                if (end(i) <= level && !(end(i) <= best)) {
                    best = end(i);
                }
            }
            return Double.isNaN(best) ? smallest : best;
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
