package io.vazao.engine;

import java.util.List;

/**
 * Everything the engine may look at in one tick. Built by the imperative shell; the engine does no
 * I/O of its own.
 *
 * @param queues one entry per managed queue
 * @param hostCpuPercent host CPU (0–100) when the workers share one host (local mode), else null
 */
public record Snapshot(List<QueueSnapshot> queues, Double hostCpuPercent) {

    public Snapshot {
        queues = List.copyOf(queues);
    }
}
