package io.vazao.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reference, not a contender: every queue at its ceiling from t = 0. No policy with the same
 * ceiling can wait less, so its row is the floor of the wait columns and the roof of the cost ones.
 */
public final class CeilingPolicy implements ScalingPolicy {

    private final int maxWorkers;

    public CeilingPolicy(int maxWorkers) {
        this.maxWorkers = maxWorkers;
    }

    @Override
    public String name() {
        return "ceiling";
    }

    @Override
    public double periodSeconds() {
        return 1;
    }

    @Override
    public Map<String, Integer> decide(
            double t, Map<String, Observation> observations, Map<String, Integer> current) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        observations.keySet().forEach(q -> targets.put(q, maxWorkers));
        return targets;
    }
}
