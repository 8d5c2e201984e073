package io.vazao.engine;

import java.util.List;

/**
 * Engine memory for one queue.
 *
 * @param lastTarget      the target published last tick, or -1 before the first decision
 * @param recommendations recent (time, recommended target) pairs inside the stabilization window
 * @param perWorkerRate   smoothed messages/s one worker handles (EWMA), or null before a measurement
 * @param lastDepth       ready + unacked last tick, or -1 when unknown (for "growing backlog" rules)
 */
public record QueueHistory(int lastTarget, List<Recommendation> recommendations, Double perWorkerRate,
                           long lastDepth) {

    public static final QueueHistory EMPTY = new QueueHistory(-1, List.of(), null, -1);

    public QueueHistory {
        recommendations = List.copyOf(recommendations);
    }

    /** A recommended target at a point in time. */
    public record Recommendation(long atMillis, int target) {
    }
}
