package io.vazao.policy.status;

import java.util.List;

/** The body of {@code GET /api/v1/status} and of each {@code status} SSE event. */
public record Status(
        long ts,
        int budget,
        int totalTarget,
        int totalLive,
        boolean brokerReachable,
        List<String> configErrors,
        List<QueueStatus> queues) {}
