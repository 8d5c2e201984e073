package io.vazao.engine;

import java.util.List;

/**
 * Engine memory for one queue.
 *
 * @param lastTarget the target published last tick, or -1 before the first decision
 * @param recommendations recent (time, recommended target) pairs inside the stabilization window,
 *     oldest first; only those that can still be the window's highest are kept (each is higher than
 *     every later one)
 * @param perWorkerRate smoothed messages/s one worker handles (EWMA), or null before a measurement
 * @param lastDepth ready + unacked last tick, or -1 when unknown (for "growing backlog" rules)
 * @param panicUntilMillis epoch ms until which the queue is in panic mode after a burst (the target
 *     does not fall before then), or 0 when it is not
 * @param forecast the arrival forecast's state, or null before the first figures or when the
 *     policy's forecast is off
 * @param sustained the arrival rate sustained over a tenth of targetDrainSeconds, or null before
 *     the first figures
 * @param backlogSinceMillis epoch ms since which messages have been waiting (ready &gt; 0) with
 *     workers live, every tick, or -1 when they were not last tick ({@link ServiceRate})
 */
public record QueueHistory(
        int lastTarget,
        List<Recommendation> recommendations,
        Double perWorkerRate,
        long lastDepth,
        long panicUntilMillis,
        ArrivalForecast.State forecast,
        SustainedArrivals sustained,
        long backlogSinceMillis) {

    public static final QueueHistory EMPTY =
            new QueueHistory(-1, List.of(), null, -1, 0, null, null, -1);

    public QueueHistory {
        recommendations = List.copyOf(recommendations);
    }

    /** History without panic state (e.g. resumed from the targets a previous process published). */
    public QueueHistory(
            int lastTarget,
            List<Recommendation> recommendations,
            Double perWorkerRate,
            long lastDepth) {
        this(lastTarget, recommendations, perWorkerRate, lastDepth, 0, null, null, -1);
    }

    /** A recommended target at a point in time. */
    public record Recommendation(long atMillis, int target) {}
}
