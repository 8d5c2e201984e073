package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.Scenario;
import io.vazao.contract.Segment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker model against results worked out by hand. */
class SimulationTest {

    private static Arrivals burstOf(long count) {
        return new ScenarioArrivals(
                new Scenario("b", "", Map.of("q", List.of(Segment.burst(count, 0)))));
    }

    @Test
    void oneWorkerDrainsABurstAtItsRate() {
        // 1,000 messages at t=0, one worker at 100/s: drained in 10 s, waits spread evenly over
        // 0..10 s.
        WorkerModel model = new WorkerModel(100, 0, 16, 1, 1);
        PolicyResult r =
                new Simulation(burstOf(1000), model, new SimulationConfig(0.1, 0, 20))
                        .run(new FixedPolicy(1));
        assertEquals(1000, r.processed());
        assertEquals(0, r.backlogAtEnd());
        assertEquals(4.95, r.meanDelaySeconds(), 0.01);
        assertEquals(9.9, r.p99DelaySeconds(), 0.11);
        assertEquals(1000 * 10 / 2.0, r.backlogSeconds(), 60);
        assertEquals(20, r.workerSeconds(), 0.2, "one worker for the whole 20 s horizon");
        assertEquals(1, r.peakWorkers());
        assertEquals(990, r.peakBacklog(), "the first step already served 10");
        assertEquals(9.9, r.drainSeconds(), 0.11, "from the peak until 1 % is left");
    }

    @Test
    void startingWorkersCostButDoNotServe() {
        // Two workers asked for at t=0, one of them still starting for 5 s.
        WorkerModel model = new WorkerModel(100, 5, 16, 1, 2);
        List<long[]> processedAt = new java.util.ArrayList<>();
        new Simulation(burstOf(2000), model, new SimulationConfig(0.1, 0, 20))
                .run(
                        new FixedPolicy(2),
                        (t, queues) ->
                                processedAt.add(
                                        new long[] {
                                            Math.round(t * 10), queues.get("q").processed()
                                        }));
        long at5 = processedAt.stream().filter(p -> p[0] == 50).findFirst().orElseThrow()[1];
        long at10 = processedAt.stream().filter(p -> p[0] == 100).findFirst().orElseThrow()[1];
        assertEquals(500, at5, "only the initial worker serves for the first 5 s");
        assertEquals(1500, at10, "both serve after");
    }

    @Test
    void steadyLoadBelowCapacityWaitsNothing() {
        Arrivals steady =
                new ScenarioArrivals(
                        new Scenario("s", "", Map.of("q", List.of(Segment.steady(50, 0, 60)))));
        PolicyResult r =
                new Simulation(steady, WorkerModel.DEFAULT, new SimulationConfig(0.1, 5, 10))
                        .run(new FixedPolicy(1));
        assertTrue(Math.abs(r.arrived() - 3000) <= 1, "arrived " + r.arrived());
        assertEquals(r.arrived(), r.processed());
        assertEquals(0, r.meanDelaySeconds(), 1e-9);
    }

    @Test
    void aBacklogThatNeverDrainsHasNoDrainTime() {
        Arrivals flood =
                new ScenarioArrivals(
                        new Scenario("f", "", Map.of("q", List.of(Segment.steady(500, 0, 60)))));
        PolicyResult r =
                new Simulation(
                                flood,
                                new WorkerModel(100, 0, 16, 1, 1),
                                new SimulationConfig(0.1, 5, 0))
                        .run(new FixedPolicy(1));
        assertTrue(r.backlogAtEnd() > 20_000);
        assertNull(r.drainSeconds());
    }

    @Test
    void workersNeverExceedTheCeiling() {
        PolicyResult r =
                new Simulation(
                                burstOf(5000),
                                new WorkerModel(100, 1, 16, 1, 3),
                                SimulationConfig.DEFAULT)
                        .run(new FixedPolicy(50));
        assertEquals(3, r.peakWorkers());
    }

    @Test
    void brokerStatisticsLagBehindTheQueue() {
        // With a 5 s stats interval the policy sees the burst at t=5 at the earliest, the seed at
        // t=10.
        WorkerModel model = new WorkerModel(100, 0, 16, 1, 10);
        Arrivals burst =
                new ScenarioArrivals(
                        new Scenario(
                                "b",
                                "",
                                Map.of("business_queue_2", List.of(Segment.burst(20_000, 1)))));
        List<int[]> workers = new java.util.ArrayList<>();
        new Simulation(burst, model, new SimulationConfig(0.1, 5, 30))
                .run(
                        new SeedPolicy(10),
                        (t, q) ->
                                workers.add(
                                        new int[] {
                                            (int) Math.round(t * 10),
                                            q.get("business_queue_2").running()
                                        }));
        assertEquals(1, workers.stream().filter(w -> w[0] == 100).findFirst().orElseThrow()[1]);
        assertEquals(10, workers.stream().filter(w -> w[0] == 101).findFirst().orElseThrow()[1]);
    }
}
