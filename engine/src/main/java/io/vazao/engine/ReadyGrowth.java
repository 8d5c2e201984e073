package io.vazao.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How fast each queue's counted ready figure grew since the previous counted figure: a lower bound
 * of the arrival rate that is current, where the broker's publish-rate statistic is up to one
 * collection interval (5 s by default) old. A burst that lands between two statistics samples still
 * reads "0/s arrivals" there; its growth here is what lets the target rise on the next tick. Kept
 * beside the engine so that the policy service and the simulator compute it the same way. Not
 * thread-safe: owned by one control loop.
 */
public final class ReadyGrowth {

    private record Sample(long ready, long atMillis) {}

    private final Map<String, Sample> last = new HashMap<>();

    /**
     * Messages per second {@code ready} grew since the last figure of {@code queue}; 0 when it did
     * not grow; null when there is no earlier figure to compare with.
     */
    public Double growth(String queue, long ready, long nowMillis) {
        Sample before = last.put(queue, new Sample(ready, nowMillis));
        if (before == null || nowMillis <= before.atMillis()) {
            return null;
        }
        long grown = ready - before.ready();
        return grown <= 0 ? 0.0 : grown * 1000.0 / (nowMillis - before.atMillis());
    }

    /**
     * The next figure of {@code queue} has nothing to compare with (its figure was not counted).
     */
    public void forget(String queue) {
        last.remove(queue);
    }

    /** Forgets queues that are no longer managed. */
    public void retain(Set<String> queues) {
        last.keySet().retainAll(queues);
    }

    /** The arrivals per second the engine is given: the statistic, or the growth when higher. */
    public static double arrivals(Double stated, Double growth) {
        double s = stated == null ? 0.0 : stated;
        return growth != null && growth > s ? growth : s;
    }
}
