package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.Scenario;
import io.vazao.contract.Segment;
import io.vazao.engine.AdaptiveDecisionEngine;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants every policy must keep in the model, whatever the load. */
class SimulationPropertiesTest {

    @Property(tries = 60)
    void arrivalsAreProcessedOrStillQueued(
            @ForAll("policies") String policy,
            @ForAll @DoubleRange(min = 0, max = 400) double rate1,
            @ForAll @DoubleRange(min = 0, max = 400) double rate2,
            @ForAll @LongRange(min = 1, max = 30_000) long burst,
            @ForAll @IntRange(min = 1, max = 15) int every,
            @ForAll @DoubleRange(min = 1, max = 300) double serviceRate,
            @ForAll @DoubleRange(min = 0, max = 20) double startup,
            @ForAll @IntRange(min = 1, max = 12) int maxWorkers,
            @ForAll @IntRange(min = 0, max = 1) int initial) {
        Scenario scenario = new Scenario("p", "", Map.of(
                "business_queue_1", List.of(Segment.steady(rate1, 0, 40), Segment.burst(burst, 3)),
                "business_queue_2", List.of(Segment.steady(rate2, 5, 45),
                        new Segment("spikes", 0, 40, 0, 0, 0, 0, 0, 0, burst / 3 + 1, 0, every))));
        WorkerModel model = new WorkerModel(serviceRate, startup, 16, initial, maxWorkers);
        SimulationConfig config = new SimulationConfig(0.1, 5, 30);
        ScalingPolicy p = new Policies(AdaptiveDecisionEngine::new).create(policy, List.of("business_queue_1",
                "business_queue_2"), model, maxWorkers * 2, 30);

        PolicyResult r = new Simulation(new ScenarioArrivals(scenario), model, config).run(p, (t, queues) ->
                queues.forEach((q, v) -> {
                    assertEquals(v.arrived(), v.processed() + v.backlog(), q + " at t=" + t);
                    assertTrue(v.running() >= 0 && v.starting() >= 0);
                    assertTrue(v.running() + v.starting() <= maxWorkers, "ceiling at t=" + t);
                }));

        assertEquals(r.arrived(), r.processed() + r.backlogAtEnd());
        long expected = Math.round(scenario.arrivals("business_queue_1", 0, 80) + scenario.arrivals("business_queue_2", 0, 80));
        assertTrue(Math.abs(r.arrived() - expected) <= 2, "whole messages of the scenario's integral: " + r.arrived() + " vs " + expected);
        assertTrue(r.meanDelaySeconds() >= 0 && r.p99DelaySeconds() >= 0);
        assertTrue(r.workerSeconds() <= maxWorkers * 2 * 75.0 + 1e-6);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> policies() {
        return net.jqwik.api.Arbitraries.of(Policies.ALL);
    }
}
