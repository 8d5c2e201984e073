package io.vazao.policy.broker;

import io.vazao.engine.ReadyGrowth;
import java.util.Set;

/**
 * How fast each queue's counted ready figure grew since the previous tick ({@link ReadyGrowth}),
 * only counted figures taken: a lower bound of the arrival rate that is current, where the broker's
 * publish-rate statistic is up to one collection interval (5 s by default) old. A burst that lands
 * between two statistics samples still reads "0/s arrivals" there; its growth here is what lets the
 * target rise on the next tick.
 *
 * <p>Only counted figures ({@link QueueFigures#readyCounted()}) are compared: the difference of two
 * sampled statistics a tick apart would be several seconds of growth divided by one. Not
 * thread-safe: owned by the control loop.
 */
public final class ReadyGrowthMeter {

    private final ReadyGrowth growth = new ReadyGrowth();

    /**
     * Messages per second {@code ready} grew since the last counted figure of {@code queue}; 0 when
     * it did not grow; null when there is no earlier counted figure to compare with.
     */
    public Double growth(String queue, QueueFigures figures, long nowMillis) {
        if (figures == null || !figures.declared() || !figures.readyCounted()) {
            growth.forget(queue);
            return null;
        }
        return growth.growth(queue, figures.ready(), nowMillis);
    }

    /** Forgets queues that are no longer managed. */
    public void retain(Set<String> queues) {
        growth.retain(queues);
    }
}
