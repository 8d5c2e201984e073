package io.vazao.simulator;

import static io.vazao.testsupport.Generators.decimals;
import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.vazao.contract.Scenario;
import io.vazao.contract.Segment;
import io.vazao.engine.AdaptiveDecisionEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Invariants every policy must keep in the model, whatever the load. */
class SimulationPropertiesTest {

    /** One run's policy, load and worker model. */
    record Run(
            String policy,
            double rate1,
            double rate2,
            long burst,
            int every,
            double serviceRate,
            double startup,
            int maxWorkers,
            int initial) {}

    static Gen<Run> runs() {
        Gen<String> policies = Generate.pick(Policies.ALL);
        Gen<Double> rates = decimals(0, 400);
        Gen<Long> bursts = longs().between(1, 30_000);
        Gen<Integer> everies = integers().between(1, 15);
        Gen<Double> serviceRates = decimals(1, 300);
        Gen<Double> startups = decimals(0, 20);
        Gen<Integer> maxWorkers = integers().between(1, 12);
        Gen<Integer> initials = integers().between(0, 1);
        return in ->
                new Run(
                        policies.generate(in),
                        rates.generate(in),
                        rates.generate(in),
                        bursts.generate(in),
                        everies.generate(in),
                        serviceRates.generate(in),
                        startups.generate(in),
                        maxWorkers.generate(in),
                        initials.generate(in));
    }

    @Test
    void arrivalsAreProcessedOrStillQueued() {
        qtAtLeast(60)
                .forAll(runs())
                .checkAssert(
                        r ->
                                arrivalsAreProcessedOrStillQueued(
                                        r.policy(),
                                        r.rate1(),
                                        r.rate2(),
                                        r.burst(),
                                        r.every(),
                                        r.serviceRate(),
                                        r.startup(),
                                        r.maxWorkers(),
                                        r.initial()));
    }

    private static void arrivalsAreProcessedOrStillQueued(
            String policy,
            double rate1,
            double rate2,
            long burst,
            int every,
            double serviceRate,
            double startup,
            int maxWorkers,
            int initial) {
        Scenario scenario =
                new Scenario(
                        "p",
                        "",
                        Map.of(
                                "business_queue_1",
                                        List.of(
                                                Segment.steady(rate1, 0, 40),
                                                Segment.burst(burst, 3)),
                                "business_queue_2",
                                        List.of(
                                                Segment.steady(rate2, 5, 45),
                                                new Segment(
                                                        "spikes",
                                                        0,
                                                        40,
                                                        0,
                                                        0,
                                                        0,
                                                        0,
                                                        0,
                                                        0,
                                                        burst / 3 + 1,
                                                        0,
                                                        every))));
        WorkerModel model = new WorkerModel(serviceRate, startup, 16, initial, maxWorkers);
        SimulationConfig config = new SimulationConfig(0.1, 5, 30);
        ScalingPolicy p =
                new Policies(AdaptiveDecisionEngine::new)
                        .create(
                                policy,
                                List.of("business_queue_1", "business_queue_2"),
                                model,
                                maxWorkers * 2,
                                VazaoKnobs.DEFAULT);

        PolicyResult r =
                new Simulation(new ScenarioArrivals(scenario), model, config)
                        .run(
                                p,
                                (t, queues) ->
                                        queues.forEach(
                                                (q, v) -> {
                                                    assertEquals(
                                                            v.arrived(),
                                                            v.processed() + v.backlog(),
                                                            q + " at t=" + t);
                                                    assertTrue(
                                                            v.running() >= 0 && v.starting() >= 0);
                                                    assertTrue(
                                                            v.running() + v.starting()
                                                                    <= maxWorkers,
                                                            "ceiling at t=" + t);
                                                }));

        assertEquals(r.arrived(), r.processed() + r.backlogAtEnd());
        long expected =
                Math.round(
                        scenario.arrivals("business_queue_1", 0, 80)
                                + scenario.arrivals("business_queue_2", 0, 80));
        assertTrue(
                Math.abs(r.arrived() - expected) <= 2,
                "whole messages of the scenario's integral: " + r.arrived() + " vs " + expected);
        assertTrue(r.meanDelaySeconds() >= 0 && r.p99DelaySeconds() >= 0);
        // Standby workers are paid for too, beyond the ceiling of the consuming ones.
        assertTrue(r.workerSeconds() <= (maxWorkers + p.standbyWorkers()) * 2 * 75.0 + 1e-6);
    }
}
