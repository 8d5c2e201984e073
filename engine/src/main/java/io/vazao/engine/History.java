package io.vazao.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine remembers between ticks, as an immutable value it returns and is given back: the
 * last target per queue, the recent recommendations (for the scale-down stabilization window) and
 * the smoothed per-worker service rate. Keeping it a value is what makes a recorded trace
 * replayable.
 *
 * @param queues state per queue (not copied: the engine hands over a map nobody else holds)
 */
public record History(Map<String, QueueHistory> queues) {

    public static History empty() {
        return new History(Map.of());
    }

    /**
     * History for a process that starts while targets are already published (e.g. read back from
     * {@code vazao:targets}): each target counts as last target and as a recommendation made at
     * {@code now}, so a restart neither reports every queue as a scale-up from 0 nor drops a target
     * before the stabilization window has passed.
     */
    public static History resume(Map<String, Integer> lastTargets, Instant now) {
        Map<String, QueueHistory> m = new LinkedHashMap<>();
        long at = now.toEpochMilli();
        lastTargets.forEach(
                (queue, target) ->
                        m.put(
                                queue,
                                new QueueHistory(
                                        target,
                                        List.of(new QueueHistory.Recommendation(at, target)),
                                        null,
                                        -1)));
        return new History(java.util.Collections.unmodifiableMap(m));
    }

    public QueueHistory of(String queue) {
        return queues.getOrDefault(queue, QueueHistory.EMPTY);
    }
}
