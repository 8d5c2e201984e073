package io.vazao.scaler;

import java.util.List;

/**
 * Restart bookkeeping of one queue, carried from tick to tick.
 *
 * @param failures unexpected exits (or stale workers) in a row without a worker reaching a
 *     heartbeat since
 * @param lastFailureAt epoch ms of the newest failure (0 if none)
 * @param nextStartAt no new worker of this queue before this epoch ms (restart back-off)
 * @param owed workers that died and still wait for their replacement, oldest first
 */
public record QueueState(int failures, long lastFailureAt, long nextStartAt, List<String> owed) {

    public static final QueueState FRESH = new QueueState(0, 0, 0, List.of());

    public QueueState {
        owed = List.copyOf(owed);
    }
}
