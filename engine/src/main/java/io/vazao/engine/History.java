package io.vazao.engine;

import java.util.Map;

/**
 * What the engine remembers between ticks, as an immutable value it returns and is given back: the
 * last target per queue, the recent recommendations (for the scale-down stabilization window) and
 * the smoothed per-worker service rate. Keeping it a value is what makes a recorded trace
 * replayable.
 *
 * @param queues state per queue
 */
public record History(Map<String, QueueHistory> queues) {

    public static History empty() {
        return new History(Map.of());
    }

    public QueueHistory of(String queue) {
        return queues.getOrDefault(queue, QueueHistory.EMPTY);
    }
}
