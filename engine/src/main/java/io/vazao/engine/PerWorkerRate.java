package io.vazao.engine;

import io.vazao.contract.Policy;

/**
 * The per-worker service rate the demand is divided by, and where it came from: measured (the
 * smoothed rate of saturated workers), the policy's expected rate, or the seed's messagesPerWorker
 * per tick when nothing better is known.
 */
record PerWorkerRate(double perWorker, String source, boolean cold) {

    static PerWorkerRate of(Double measured, Policy policy, double coldRate) {
        if (measured != null) {
            return new PerWorkerRate(measured, "measured", false);
        }
        Double expected = policy.expectedRatePerWorker();
        if (expected != null && expected > 0) {
            return new PerWorkerRate(expected, "expected", false);
        }
        return new PerWorkerRate(coldRate, "messagesPerWorker per tick", true);
    }
}
