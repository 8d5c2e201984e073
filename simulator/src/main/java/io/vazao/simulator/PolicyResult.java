package io.vazao.simulator;

import java.util.Map;

/**
 * What one policy achieved on one arrival pattern.
 *
 * @param policy vazao, keda or seed
 * @param arrived messages that arrived
 * @param processed messages processed by the end
 * @param backlogAtEnd messages still queued at the end
 * @param meanDelaySeconds mean time from arrival to processing
 * @param p99DelaySeconds 99th percentile of the same
 * @param backlogSeconds integral of the backlog over time (message-seconds)
 * @param workerSeconds integral of the workers over time, starting ones included (the cost)
 * @param peakWorkers most workers at once, all queues together
 * @param peakBacklog largest total backlog
 * @param drainSeconds from the largest backlog until it is down to 1 % of itself; null if never
 * @param queues the same per queue
 */
public record PolicyResult(
        String policy,
        long arrived,
        long processed,
        long backlogAtEnd,
        double meanDelaySeconds,
        double p99DelaySeconds,
        double backlogSeconds,
        double workerSeconds,
        int peakWorkers,
        long peakBacklog,
        Double drainSeconds,
        Map<String, QueueResult> queues) {

    /**
     * @param arrived messages that arrived on the queue
     * @param processed processed by the end
     * @param meanDelaySeconds mean queueing delay
     * @param p99DelaySeconds p99 queueing delay
     * @param backlogSeconds backlog integral
     * @param workerSeconds worker integral
     * @param peakWorkers most workers at once on this queue
     */
    public record QueueResult(
            long arrived,
            long processed,
            double meanDelaySeconds,
            double p99DelaySeconds,
            double backlogSeconds,
            double workerSeconds,
            int peakWorkers) {}
}
