package io.vazao.simulator;

import io.vazao.contract.Scenario;
import java.util.List;

/**
 * A contract {@link Scenario} as an arrival pattern: the same load {@code vazao load} publishes.
 */
public record ScenarioArrivals(Scenario scenario) implements Arrivals {

    @Override
    public String name() {
        return scenario.name();
    }

    @Override
    public List<String> queueNames() {
        return scenario.queues().keySet().stream().sorted().toList();
    }

    @Override
    public double arrivals(String queue, double t0, double t1) {
        return scenario.arrivals(queue, t0, t1);
    }

    @Override
    public double durationSeconds() {
        return scenario.durationSeconds();
    }
}
