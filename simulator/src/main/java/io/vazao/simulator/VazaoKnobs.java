package io.vazao.simulator;

import io.vazao.contract.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of vazao's policy a simulation may change, one value for every queue: the drain
 * target, the scale-down window, the floor and the expected rate. Everything else is {@link
 * Policy}'s default, with the seed's 40/60 weights and the model's ceiling.
 *
 * @param targetDrainSeconds the backlog's drain target, at least 1
 * @param windowSeconds the scale-down stabilization window, 0 or more
 * @param minWorkers the floor of every queue's target, 0 (scale to zero) or more
 * @param expectedRatePerWorker the policy's {@code expectedRatePerWorker}, in the API's range (over
 *     0, at most {@link Policy#MAX_EXPECTED_RATE_PER_WORKER}); null, as on a fresh install, leaves
 *     the engine to learn the rate
 */
public record VazaoKnobs(
        int targetDrainSeconds, int windowSeconds, int minWorkers, Double expectedRatePerWorker) {

    /**
     * vazao's defaults: a 30 s drain target, a 30 s window, at least 1 worker, no expected rate.
     */
    public static final VazaoKnobs DEFAULT =
            new VazaoKnobs(
                    Policy.DEFAULT_TARGET_DRAIN_SECONDS,
                    Policy.DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS,
                    Policy.DEFAULT_MIN_WORKERS,
                    null);

    /**
     * vazao's cheapest settings: an idle queue scaled to zero ({@code minWorkers} 0) and no
     * scale-down window, the drain target at its default.
     */
    public static final VazaoKnobs TO_ZERO = new VazaoKnobs(DEFAULT.targetDrainSeconds, 0, 0, null);

    public VazaoKnobs {
        if (expectedRatePerWorker != null
                && !(expectedRatePerWorker > 0
                        && expectedRatePerWorker <= Policy.MAX_EXPECTED_RATE_PER_WORKER)) {
            throw new IllegalArgumentException(
                    "expectedRatePerWorker must be > 0 and <= "
                            + Policy.MAX_EXPECTED_RATE_PER_WORKER
                            + " messages/s, not "
                            + expectedRatePerWorker);
        }
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
        return new VazaoKnobs(seconds, windowSeconds, minWorkers, expectedRatePerWorker);
    }

    public VazaoKnobs withWindow(int seconds) {
        return new VazaoKnobs(targetDrainSeconds, seconds, minWorkers, expectedRatePerWorker);
    }

    public VazaoKnobs withExpectedRate(Double perWorker) {
        return new VazaoKnobs(targetDrainSeconds, windowSeconds, minWorkers, perWorker);
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
                            .expectedRatePerWorker(expectedRatePerWorker)
                            .build());
        }
        return policies;
    }
}
