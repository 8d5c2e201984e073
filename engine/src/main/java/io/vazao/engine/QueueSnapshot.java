package io.vazao.engine;

import io.vazao.contract.QueueInputs;
import java.util.List;

/**
 * What the control loop observed about one managed queue in one tick.
 *
 * @param queue the queue
 * @param inputs broker figures and live-worker counts; null when they could not be read this tick
 *     (the engine then holds the last target)
 * @param workers the live workers of the queue, for CPU- and memory-aware rules
 */
public record QueueSnapshot(String queue, QueueInputs inputs, List<WorkerSample> workers) {

    public QueueSnapshot {
        workers = workers == null ? List.of() : List.copyOf(workers);
    }

    public boolean missing() {
        return inputs == null;
    }
}
