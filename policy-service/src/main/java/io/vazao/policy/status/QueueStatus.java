package io.vazao.policy.status;

import io.vazao.contract.BudgetShare;
import io.vazao.contract.Policy;

/**
 * One queue in {@code GET /api/v1/status}. Broker figures are null when they are unknown (before
 * the first tick, or when the broker could not be read). {@code processes} is what the local scaler
 * runs (null under KEDA): beside {@code target} and {@code liveWorkers} it shows a worker that is
 * starting or one that runs without heartbeating.
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
        Integer processes,
        String reason,
        Long computedAt,
        String source,
        Policy policy,
        BudgetShare budget) {}
