package io.vazao.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A constant number of workers per queue: the reference against which the model's arithmetic is
 * checked.
 */
record FixedPolicy(int workers) implements ScalingPolicy {

    @Override
    public String name() {
        return "fixed-" + workers;
    }

    @Override
    public double periodSeconds() {
        return 1;
    }

    @Override
    public Map<String, Integer> decide(
            double t, Map<String, Observation> observations, Map<String, Integer> current) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        observations.keySet().forEach(q -> targets.put(q, workers));
        return targets;
    }
}
