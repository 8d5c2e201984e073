package io.vazao.simulator;

import io.vazao.contract.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of vazao's policy a simulation may change, one value for every queue: the drain
 * target, the scale-down window and the floor. Everything else is {@link Policy}'s default, with
 * the seed's 40/60 weights and the model's ceiling.
 *
 * @param targetDrainSeconds the backlog's drain target, at least 1
 * @param windowSeconds the scale-down stabilization window, 0 or more
 * @param minWorkers the floor of every queue's target, 0 (scale to zero) or more
 */
public record VazaoKnobs(int targetDrainSeconds, int windowSeconds, int minWorkers) {

    /** vazao's defaults: a 30 s drain target, a 30 s window, at least 1 worker. */
    public static final VazaoKnobs DEFAULT =
            new VazaoKnobs(
                    Policy.DEFAULT_TARGET_DRAIN_SECONDS,
                    Policy.DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS,
                    Policy.DEFAULT_MIN_WORKERS);

    public VazaoKnobs {
        if (targetDrainSeconds < 1) {
            throw new IllegalArgumentException(
                    "targetDrainSeconds must be >= 1, not " + targetDrainSeconds);
        }
        if (windowSeconds < 0) {
            throw new IllegalArgumentException(
                    "the scale-down window must be >= 0 s, not " + windowSeconds);
        }
        if (minWorkers < 0) {
            throw new IllegalArgumentException("minWorkers must be >= 0, not " + minWorkers);
        }
    }

    public VazaoKnobs withDrain(int seconds) {
        return new VazaoKnobs(seconds, windowSeconds, minWorkers);
    }

    public VazaoKnobs withWindow(int seconds) {
        return new VazaoKnobs(targetDrainSeconds, seconds, minWorkers);
    }

    /** Throws the usage error of a floor above the model's ceiling, before anything runs. */
    void check(WorkerModel model) {
        if (minWorkers > model.maxWorkers()) {
            throw new IllegalArgumentException(
                    "minWorkers "
                            + minWorkers
                            + " is above the ceiling of "
                            + model.maxWorkers()
                            + " workers per queue");
        }
    }

    /** vazao's policy per queue with these settings ({@link #check}ed against the model). */
    Map<String, Policy> policies(List<String> queues, WorkerModel model) {
        check(model);
        Map<String, Policy> policies = new LinkedHashMap<>();
        for (String q : queues) {
            policies.put(
                    q,
                    Policy.builder(SeedPolicy.weightOf(q))
                            .workers(minWorkers, model.maxWorkers())
                            .targetDrainSeconds(targetDrainSeconds)
                            .scaleDownStabilizationSeconds(windowSeconds)
                            .build());
        }
        return policies;
    }
}
