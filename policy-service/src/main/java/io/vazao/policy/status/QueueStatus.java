package io.vazao.policy.status;

import io.vazao.contract.Policy;

/**
 * One queue in {@code GET /api/v1/status}. Broker figures are null when they are unknown (before the
 * first tick, or when the broker could not be read).
 */
public record QueueStatus(
        String queue,
        Long ready,
        Long unacked,
        Integer consumers,
        Double publishRate,
        Double ackRate,
        Integer target,
        Integer liveWorkers,
        String reason,
        Long computedAt,
        String source,
        Policy policy) {
}
