package io.vazao.scaler;

import io.vazao.contract.ScalingEvent;
import io.vazao.contract.Settings;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the scaler reads from and writes to Redis. Every method may throw when Redis is unreachable.
 */
public interface ScalerStore {

    /**
     * The published targets; null when none are published and Redis has no generation marker either
     * — a Redis that lost its data, not a policy service that asks for nothing.
     */
    Map<String, Integer> targets();

    /** The target writes' counter as read with the last {@link #targets()}; null when absent. */
    String targetsTick();

    /** The stored settings, or null if none are stored. */
    Settings settings();

    /**
     * queue → the standby workers its policy asks for, for the queues whose policy says; the others
     * take the scaler's own number.
     */
    default Map<String, Integer> standbyWorkers(Collection<String> queues) {
        return Map.of();
    }

    /** workerId → newest heartbeat time and RSS, for the given workers that have a heartbeat. */
    Map<String, Liveness> liveness(Collection<String> workerIds);

    /**
     * Ids of workers the policy asked to recycle since the previous call (taken from the recycle
     * set).
     */
    Set<String> recycleRequests();

    void writeActual(Map<String, Integer> actual);

    void appendEvents(List<ScalingEvent> events);

    /**
     * Drops the heartbeats of workers that exited (workerId → queue): a killed worker's last
     * heartbeat would otherwise count it live until it expires, beside its replacement.
     */
    void forgetWorkers(Map<String, String> exited);

    /** The last heartbeat of a worker as the scaler needs it. */
    record Liveness(long lastSeen, long rssBytes) {}
}
