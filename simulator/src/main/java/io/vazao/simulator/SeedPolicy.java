package io.vazao.simulator;

import io.vazao.contract.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replaced system's Worker Manager: every 10 s, per queue, {@code clamp(int(ready × weight) //
 * 200 + 1, 1, 10)}. It counts ready messages only, so messages already prefetched by workers are
 * invisible to it, and the weight shrinks every queue's demand instead of splitting a budget.
 */
public final class SeedPolicy implements ScalingPolicy {

    public static final double PERIOD_SECONDS = 10;
    public static final int MESSAGES_PER_WORKER = 200;
    public static final int MIN_WORKERS = 1;

    private final int maxWorkers;
    private final int messagesPerWorker;

    /** The seed as it was: 200 messages per worker. */
    public SeedPolicy(int maxWorkers) {
        this(maxWorkers, MESSAGES_PER_WORKER);
    }

    /**
     * @param messagesPerWorker the formula's divisor (the seed's 200)
     */
    public SeedPolicy(int maxWorkers, int messagesPerWorker) {
        if (messagesPerWorker < 1) {
            throw new IllegalArgumentException("messagesPerWorker: must be >= 1");
        }
        this.maxWorkers = maxWorkers;
        this.messagesPerWorker = messagesPerWorker;
    }

    /** The seed's formula for one queue. */
    public static int target(long ready, double weight, int maxWorkers) {
        return target(ready, weight, maxWorkers, MESSAGES_PER_WORKER);
    }

    /** The same formula with another divisor. */
    public static int target(long ready, double weight, int maxWorkers, int messagesPerWorker) {
        long scaled = (long) Math.floor(ready * weight) / messagesPerWorker + 1;
        return (int) Math.max(MIN_WORKERS, Math.min(maxWorkers, scaled));
    }

    /** The seed's 40/60 weights for its two queues; any other queue gets weight 1. */
    public static double weightOf(String queue) {
        return Topology.seedQueue(queue).map(Topology.QueueSpec::defaultWeight).orElse(1.0);
    }

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public double periodSeconds() {
        return PERIOD_SECONDS;
    }

    @Override
    public Map<String, Integer> decide(
            double t, Map<String, Observation> observations, Map<String, Integer> current) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        observations.forEach(
                (queue, o) ->
                        targets.put(
                                queue,
                                target(o.ready(), weightOf(queue), maxWorkers, messagesPerWorker)));
        return targets;
    }
}
