package io.vazao.policy.heartbeat;

import io.vazao.contract.Heartbeat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures how many messages one worker processes per second from the cumulative {@code processed}
 * counters of consecutive heartbeats. Used when the broker gives no ack rate (AMQP fallback). Not
 * thread-safe: owned by the control loop.
 */
public final class ServiceRateMeter {

    private record Sample(long processed, long lastSeen) {}

    private final Map<String, Sample> last = new HashMap<>();

    /**
     * The mean per-worker rate over the workers seen twice with a newer heartbeat, or null when
     * there is none. Forgets workers not in {@code live} of any queue seen in {@link #retain}.
     */
    public Double perWorkerRate(List<Heartbeat> live) {
        double sum = 0;
        int measured = 0;
        for (Heartbeat hb : live) {
            Sample before = last.get(hb.workerId());
            if (before != null
                    && hb.lastSeen() > before.lastSeen()
                    && hb.processed() >= before.processed()) {
                sum +=
                        (hb.processed() - before.processed())
                                * 1000.0
                                / (hb.lastSeen() - before.lastSeen());
                measured++;
            }
            if (before == null || hb.lastSeen() > before.lastSeen()) {
                last.put(hb.workerId(), new Sample(hb.processed(), hb.lastSeen()));
            }
        }
        return measured == 0 ? null : sum / measured;
    }

    /** Drops the samples of workers that are gone. */
    public void retain(Set<String> workerIds) {
        last.keySet().retainAll(new HashSet<>(workerIds));
    }
}
