package io.vazao.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shares a memory budget among the queues' standby pools. A standby worker holds a whole worker's
 * memory while it does nothing, so the pools together must fit in what the operator set aside for
 * them.
 */
public final class StandbyMemory {

    /**
     * What a worker is taken to hold before any has reported its resident set: a consumer JVM as
     * the benchmarks measure it while draining, rounded up.
     */
    public static final long UNMEASURED_WORKER_BYTES = 160L * 1024 * 1024;

    /**
     * The memory set aside for standby workers unless the operator says otherwise: six or seven
     * idle workers.
     */
    public static final long DEFAULT_BUDGET_BYTES = 1024L * 1024 * 1024;

    private StandbyMemory() {}

    /**
     * The standby workers each queue may keep: one at a time, round-robin in the map's order, while
     * the budget holds another worker of {@code perWorkerBytes}; every wanted one when the budget
     * is 0 (no limit).
     */
    public static Map<String, Integer> allot(
            Map<String, Integer> wanted, long budgetBytes, long perWorkerBytes) {
        if (budgetBytes <= 0) {
            return new LinkedHashMap<>(wanted);
        }
        long room = budgetBytes / Math.max(1, perWorkerBytes);
        Map<String, Integer> allotted = new LinkedHashMap<>();
        wanted.keySet().forEach(q -> allotted.put(q, 0));
        boolean progress = true;
        while (room > 0 && progress) {
            progress = false;
            for (Map.Entry<String, Integer> e : allotted.entrySet()) {
                if (room > 0 && e.getValue() < wanted.get(e.getKey())) {
                    e.setValue(e.getValue() + 1);
                    room--;
                    progress = true;
                }
            }
        }
        return allotted;
    }
}
