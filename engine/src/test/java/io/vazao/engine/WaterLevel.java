package io.vazao.engine;

/**
 * The reference the sharing properties compare against: continuous weighted max-min sharing, where
 * every queue's share is its clamped weight times one common level, and the level fills the budget.
 */
final class WaterLevel {

    /** One queue's share at a level; non-decreasing in the level. */
    interface Share {
        double of(int queue, double level);
    }

    private WaterLevel() {}

    /**
     * The lowest level at which the shares of {@code queues} queues add up to the budget, by
     * bisection.
     */
    static double find(int budget, int queues, Share share) {
        double lo = 0;
        double hi = 1e9;
        for (int it = 0; it < 200; it++) {
            double mid = (lo + hi) / 2;
            double s = 0;
            for (int i = 0; i < queues; i++) {
                s += share.of(i, mid);
            }
            if (s < budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
