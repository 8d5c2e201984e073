package io.vazao.simulator;

import java.util.Map;

/**
 * A scaling rule under test. The simulator calls {@link #decide} every {@link #periodSeconds()}
 * (starting at t = 0) with what the policy can observe; the returned targets are actuated at once
 * (new workers still pay the model's start-up delay).
 */
public interface ScalingPolicy {

    /** Short name for the table: vazao, keda, seed. */
    String name();

    /** How often the policy evaluates. */
    double periodSeconds();

    /**
     * Whether the policy counts ready messages and consumers itself when it decides (an AMQP
     * passive declare, as vazao's policy service does every tick) instead of reading them from the
     * broker's last statistics sample. Unacked messages and rates always come from the sample.
     */
    default boolean countsReadyWhenDeciding() {
        return false;
    }

    /**
     * Warm standby workers kept per queue by the actuator (the local scaler's {@code --standby}):
     * started, not consuming, promoted in {@link QueueModel#PROMOTION_SECONDS} instead of a start,
     * and paid for in worker-seconds like running ones.
     */
    default int standbyWorkers() {
        return 0;
    }

    /**
     * @param t seconds since the start
     * @param observations per queue, as of the last stats refresh
     * @param current workers per queue right now (running + starting)
     * @return target workers per queue; a queue left out keeps its workers
     */
    Map<String, Integer> decide(
            double t, Map<String, Observation> observations, Map<String, Integer> current);
}
