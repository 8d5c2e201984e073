package io.vazao.simulator;

import java.util.Map;

/**
 * A policy whose actuator keeps {@code standby} warm workers per queue: the same decisions,
 * actuated by promotion first.
 */
record StandbyPolicy(ScalingPolicy inner, int standby) implements ScalingPolicy {

    StandbyPolicy {
        if (standby < 1) {
            throw new IllegalArgumentException("standby: must be >= 1, not " + standby);
        }
    }

    @Override
    public String name() {
        return inner.name() + "-standby";
    }

    @Override
    public double periodSeconds() {
        return inner.periodSeconds();
    }

    @Override
    public boolean countsReadyWhenDeciding() {
        return inner.countsReadyWhenDeciding();
    }

    @Override
    public int standbyWorkers() {
        return standby;
    }

    @Override
    public Map<String, Integer> decide(
            double t, Map<String, Observation> observations, Map<String, Integer> current) {
        return inner.decide(t, observations, current);
    }
}
