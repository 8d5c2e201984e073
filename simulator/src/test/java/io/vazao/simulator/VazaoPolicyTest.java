package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.Policy;
import io.vazao.contract.Scenario;
import io.vazao.contract.Settings;
import io.vazao.engine.AdaptiveDecisionEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * vazao's policy in the simulator drives the production engine; these check the wiring, not the
 * engine's rules.
 */
class VazaoPolicyTest {

    private static final List<String> QUEUES = List.of("business_queue_1", "business_queue_2");

    private static ScalingPolicy vazao(int budget) {
        return new Policies(AdaptiveDecisionEngine::new)
                .create("vazao", QUEUES, WorkerModel.DEFAULT, budget, VazaoKnobs.DEFAULT);
    }

    /**
     * The sine's rising edges come one start-up too late without a forecast: with it vazao waits a
     * third less for a few more worker-seconds (docs/decision-engine.md).
     */
    @Test
    void theForecastCutsTheWaitOnTheSineForAFewPercentMoreWorkerSeconds() {
        Arrivals sine = new ScenarioArrivals(Scenario.builtin("sine"));
        Simulation sim = new Simulation(sine, WorkerModel.DEFAULT, SimulationConfig.DEFAULT);
        Map<String, Policy> on =
                VazaoKnobs.DEFAULT.policies(sine.queueNames(), WorkerModel.DEFAULT);
        Map<String, Policy> off = new LinkedHashMap<>();
        on.forEach((q, p) -> off.put(q, p.toBuilder().forecastSeconds(0).build()));
        PolicyResult with = sim.run(policy(on));
        PolicyResult without = sim.run(policy(off));
        System.out.printf(
                "sine: forecast on %.2f s mean wait, %.0f worker·s; off %.2f s, %.0f worker·s%n",
                with.meanDelaySeconds(),
                with.workerSeconds(),
                without.meanDelaySeconds(),
                without.workerSeconds());
        assertTrue(with.meanDelaySeconds() < 0.8 * without.meanDelaySeconds());
        assertTrue(with.workerSeconds() < 1.05 * without.workerSeconds());
    }

    private static ScalingPolicy policy(Map<String, Policy> policies) {
        return new VazaoPolicy(
                new AdaptiveDecisionEngine(),
                policies,
                Settings.defaults().withMaxTotalWorkers(20),
                WorkerModel.DEFAULT.serviceRate());
    }

    @Test
    void observationsBecomeTheInputsPolicyServiceWouldBuild() {
        var in = VazaoPolicy.inputs(new Observation(900, 32, 250, 180, 2, 3), null);
        assertEquals(900, in.ready());
        assertEquals(32, in.unacked());
        assertEquals(2, in.consumers());
        assertEquals(2, in.liveWorkers(), "starting workers send no heartbeat yet");
        assertEquals(90.0, in.perWorkerRate(), 1e-9, "ack rate ÷ live workers");
        assertNull(VazaoPolicy.inputs(new Observation(5, 0, 1, 0, 0, 1), null).perWorkerRate());
        assertNull(
                VazaoPolicy.inputs(new Observation(0, 0, 0, 0, 2, 0), null).perWorkerRate(),
                "idle workers");
    }

    @Test
    void scalesUpForTheBurstAtTheFirstTickAfterIt() {
        Arrivals burst = new ScenarioArrivals(Scenario.builtin("burst"));
        List<int[]> workers = new ArrayList<>();
        new Simulation(burst, WorkerModel.DEFAULT, SimulationConfig.DEFAULT)
                .run(
                        vazao(20),
                        (t, q) ->
                                workers.add(
                                        new int[] {
                                            (int) Math.round(t * 10),
                                            q.values().stream()
                                                    .mapToInt(v -> v.running() + v.starting())
                                                    .sum()
                                        }));
        // The burst lands at t=5 s. The broker's statistics would show it from t=10 s (5 s
        // interval), but the policy service counts ready messages at every tick: t=6 s.
        int before = workers.stream().filter(w -> w[0] == 50).findFirst().orElseThrow()[1];
        int after = workers.stream().filter(w -> w[0] == 61).findFirst().orElseThrow()[1];
        assertEquals(2, before);
        assertTrue(after >= 10, "workers at the first engine tick after the burst: " + after);
    }

    @Test
    void neverExceedsTheBudgetAndDrains() {
        Arrivals burst = new ScenarioArrivals(Scenario.builtin("burst"));
        PolicyResult r =
                new Simulation(burst, WorkerModel.DEFAULT, SimulationConfig.DEFAULT)
                        .run(
                                vazao(12),
                                (t, q) ->
                                        assertTrue(
                                                q.values().stream()
                                                                .mapToInt(
                                                                        v ->
                                                                                v.running()
                                                                                        + v
                                                                                                .starting())
                                                                .sum()
                                                        <= 12,
                                                "budget at t=" + t));
        assertEquals(0, r.backlogAtEnd());
        assertNotNull(r.drainSeconds());
        assertTrue(r.peakWorkers() <= 12);
    }

    @Test
    void waitsNoLessThanTheCeilingReference() {
        Arrivals burst = new ScenarioArrivals(Scenario.builtin("burst"));
        Simulation sim = new Simulation(burst, WorkerModel.DEFAULT, SimulationConfig.DEFAULT);
        PolicyResult vazao = sim.run(vazao(20));
        PolicyResult ceiling = sim.run(new CeilingPolicy(10));
        assertTrue(vazao.meanDelaySeconds() >= ceiling.meanDelaySeconds());
        assertTrue(vazao.workerSeconds() <= ceiling.workerSeconds());
    }

    @Test
    void aReplayIsDeterministic() {
        Arrivals spikes = new ScenarioArrivals(Scenario.builtin("spike-train"));
        Simulation sim = new Simulation(spikes, WorkerModel.DEFAULT, SimulationConfig.DEFAULT);
        assertEquals(sim.run(vazao(20)), sim.run(vazao(20)));
    }

    @Test
    void scalesDownAfterTheLoadUnlikeKedasFiveMinuteWindow() {
        Arrivals burst = new ScenarioArrivals(Scenario.builtin("burst"));
        Simulation sim = new Simulation(burst, WorkerModel.DEFAULT, SimulationConfig.DEFAULT);
        PolicyResult vazao = sim.run(vazao(20));
        PolicyResult keda = sim.run(new KedaDefaultsPolicy(10));
        assertTrue(
                vazao.workerSeconds() < keda.workerSeconds(),
                vazao.workerSeconds() + " worker-seconds vs keda " + keda.workerSeconds());
    }
}
