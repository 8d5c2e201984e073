package io.vazao.engine;

import java.util.Arrays;

/**
 * The k-th smallest of a set of longs without sorting them all (quickselect): the budget needs only
 * the threshold remainder of its largest-remainder rounding, up to three times a tick. Pivots are
 * the median of three, so the result and its cost are deterministic; inputs that defeat that rule
 * fall back to a sort after {@link #ROUNDS_BEFORE_SORT} rounds.
 */
final class LongSelect {

    static final int ROUNDS_BEFORE_SORT = 64;

    private LongSelect() {}

    /** The {@code k}-th smallest (0-based) of {@code values[0..count)}; reorders them. */
    static long kthSmallest(long[] values, int count, int k) {
        return kthSmallest(values, count, k, ROUNDS_BEFORE_SORT);
    }

    /** As {@link #kthSmallest(long[], int, int)}, sorting after {@code rounds} rounds. */
    static long kthSmallest(long[] values, int count, int k, int rounds) {
        int from = 0;
        int to = count;
        for (int round = 0; ; round++) {
            if (round >= rounds) {
                Arrays.sort(values, from, to);
                return values[k];
            }
            long pivot = medianOfThree(values[from], values[(from + to) >>> 1], values[to - 1]);
            // Three-way partition: [from, lt) < pivot, [lt, gt) == pivot, [gt, to) > pivot.
            int lt = from;
            int gt = to;
            int i = from;
            while (i < gt) {
                long v = values[i];
                if (v < pivot) {
                    values[i++] = values[lt];
                    values[lt++] = v;
                } else if (v > pivot) {
                    values[i] = values[--gt];
                    values[gt] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                to = lt;
            } else if (k >= gt) {
                from = gt;
            } else {
                return pivot;
            }
        }
    }

    private static long medianOfThree(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
