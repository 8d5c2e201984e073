package io.vazao.policy.loop;

import io.vazao.contract.ScalingEvent;
import io.vazao.contract.Target;
import io.vazao.policy.status.Status;
import java.util.List;
import java.util.Map;

/**
 * What one tick publishes, worked out before anything is written.
 *
 * @param targets every queue's target, written to Redis in one step
 * @param events scaling, hold, configuration-error and recycle events, in order
 * @param gauges per-queue figures for the metrics
 * @param status the status board's new state
 * @param budgetBound whether the budget is spent and holds some queue below its demand
 */
record Publication(
        Map<String, Target> targets,
        List<ScalingEvent> events,
        List<QueueGauges> gauges,
        Status status,
        boolean budgetBound) {

    /** One queue's gauges; a null figure leaves the gauge as it was (unknown this tick). */
    record QueueGauges(
            String queue,
            Long ready,
            Long unacked,
            Double publishRate,
            Double ackRate,
            int target,
            int live,
            Long dlqMessages) {}
}
