package io.vazao.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Kubernetes HPA's scale-down stabilization: the target is the highest recommendation of the last
 * window, so a queue scales down only once its demand has stayed low for the whole window.
 */
final class Stabilization {

    private Stabilization() {}

    /**
     * @param want the window's highest recommendation (this one included)
     * @param recommendations what to remember for the next tick
     */
    record Result(int want, List<QueueHistory.Recommendation> recommendations) {}

    /**
     * The stored list is decreasing in target (oldest first). It keeps the entries still inside the
     * window and above this recommendation: an entry not above a newer one can never be the
     * window's maximum again, so the list stays short (one entry under steady load).
     */
    static Result apply(
            List<QueueHistory.Recommendation> old, int desired, long nowMs, long windowMs) {
        int want = desired;
        int keep = 0;
        QueueHistory.Recommendation[] kept = null;
        for (QueueHistory.Recommendation rec : old) {
            if (rec.atMillis() > nowMs - windowMs && rec.atMillis() <= nowMs) {
                want = Math.max(want, rec.target());
                if (rec.target() > desired) {
                    if (kept == null) {
                        kept = new QueueHistory.Recommendation[old.size() + 1];
                    }
                    kept[keep++] = rec;
                }
            }
        }
        QueueHistory.Recommendation now = new QueueHistory.Recommendation(nowMs, desired);
        if (kept == null) {
            return new Result(want, List.of(now));
        }
        kept[keep++] = now;
        return new Result(want, List.of(Arrays.copyOf(kept, keep)));
    }

    /** The clause when the window keeps more than the recommendation. */
    static Step explain(int desired, int want, long windowMs) {
        if (want > desired) {
            return new Step(
                    want,
                    c ->
                            c.append("recommendation ")
                                    .append(desired)
                                    .append(" < ")
                                    .append(want)
                                    .append(": keeping the highest of the last ")
                                    .append(windowMs / 1000)
                                    .append(" s before scaling down -> ")
                                    .append(want));
        }
        return Step.none(want);
    }
}
