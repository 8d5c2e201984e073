package io.vazao.engine;

/**
 * Sorts an index array by a comparator over indices, without boxing: a stable merge sort (insertion
 * sort for short runs). The budget sorts up to 2 × queues indices every tick; boxed {@code
 * Integer[]} sorts were a quarter of a decision's time at 1,000 queues.
 */
final class IndexSort {

    /** Compares two indices. */
    @FunctionalInterface
    interface IndexComparator {
        int compare(int a, int b);
    }

    private IndexSort() {}

    /** 0, 1, …, n − 1 sorted by {@code cmp}. */
    static int[] sorted(int n, IndexComparator cmp) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        sort(a, new int[n], 0, n, cmp);
        return a;
    }

    private static void sort(int[] a, int[] tmp, int from, int to, IndexComparator cmp) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, tmp, from, mid, cmp);
        sort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return; // already in order
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && cmp.compare(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
