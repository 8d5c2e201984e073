package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.Scenario;
import io.vazao.engine.AdaptiveDecisionEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Warm standby in the worker model: promoted fast, refilled by a start, paid for. */
class StandbyModelTest {

    static final WorkerModel MODEL = new WorkerModel(100, 5, 16, 1, 10);

    @ParameterizedTest(name = "{0} standby per queue")
    @ValueSource(ints = {0, 1, 2})
    void aScaleUpPromotesTheStandbyFirstAndStartsTheRestAndTheReplacements(int standby) {
        QueueModel m = new QueueModel("q", MODEL, 0.1, standby);
        m.actuate(3, 0);
        for (int k = 0; k < 10; k++) { // one second
            m.step(k, k * 0.1, 0.1, 0, 100);
        }
        int promoted = Math.min(standby, 2);
        assertEquals(1 + promoted, m.running(), "the promoted ones consume within 0.5 s");
        assertEquals(2 - promoted, m.starting(), "the others pay the start-up");
        // Each step pays for the 3 workers and the standby ones, ready or starting again.
        assertEquals((3 + standby) * 1.0, m.workerSeconds, 1e-9);
        for (int k = 10; k < 60; k++) { // until 6 s: every start has finished
            m.step(k, k * 0.1, 0.1, 0, 100);
        }
        assertEquals(3, m.running());
        // A second scale-up promotes the refilled standby again.
        m.actuate(3 + standby, 6);
        for (int k = 60; k < 66; k++) {
            m.step(k, k * 0.1, 0.1, 0, 100);
        }
        assertEquals(3 + standby, m.running());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"burst", "spike-train"})
    void standbyWaitsLessAndCostsMoreThanTheSameDecisionsWithout(String scenario) {
        Arrivals arrivals = new ScenarioArrivals(Scenario.builtin(scenario));
        Simulation sim = new Simulation(arrivals, WorkerModel.DEFAULT, SimulationConfig.DEFAULT);
        List<String> queues = arrivals.queueNames();
        Policies policies = new Policies(AdaptiveDecisionEngine::new, 3);
        PolicyResult plain = run(sim, policies, "vazao", queues);
        PolicyResult standby = run(sim, policies, "vazao-standby", queues);
        assertEquals("vazao-standby", standby.policy());
        assertTrue(standby.meanDelaySeconds() < plain.meanDelaySeconds());
        assertTrue(standby.workerSeconds() > plain.workerSeconds());
        assertEquals(plain.arrived(), standby.arrived());
    }

    /**
     * The goal, on the row with 3 warm standby workers per queue (the simulator's {@code
     * --standby} default; the local scaler's is 0, `vazao up --standby 3` sets it): at most half
     * KEDA's mean wait at no more than 1.1 times its worker-seconds. Met on the burst and the sine;
     * on the spike train vazao sizes each spike for its 30 s drain target, which KEDA's defaults do
     * not have (docs/simulator.md says by how much it misses).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"burst", "sine"})
    void withWarmStandbyTheGoalIsMetOnTheBurstAndTheSine(String scenario) throws Exception {
        assertTheGoalIsMet(scenario, VazaoKnobs.DEFAULT);
    }

    /**
     * The settings docs/simulator.md gives for KEDA's waits halved on every scenario: 3 warm
     * standby workers per queue and a 5 s drain target. At 7 s the spike train misses again
     * (0.51x).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"burst", "sine", "spike-train", "recorded-burst"})
    void withWarmStandbyAndAFiveSecondDrainTheGoalIsMetOnEveryScenario(String scenario)
            throws Exception {
        assertTheGoalIsMet(scenario, VazaoKnobs.DEFAULT.withDrain(5));
    }

    private static void assertTheGoalIsMet(String scenario, VazaoKnobs knobs) throws Exception {
        Arrivals arrivals = SimulateCommand.load(scenario);
        Simulation sim = new Simulation(arrivals, WorkerModel.DEFAULT, SimulationConfig.DEFAULT);
        List<String> queues = arrivals.queueNames();
        Policies policies = new Policies(AdaptiveDecisionEngine::new);
        PolicyResult keda = run(sim, policies, "keda", queues, knobs);
        PolicyResult standby = run(sim, policies, "vazao-standby", queues, knobs);
        double wait = standby.meanDelaySeconds() / keda.meanDelaySeconds();
        double cost = standby.workerSeconds() / keda.workerSeconds();
        assertTrue(wait <= 0.5, scenario + " " + knobs + ": wait " + wait + "x KEDA's");
        assertTrue(cost <= 1.1, scenario + " " + knobs + ": cost " + cost + "x KEDA's");
    }

    @org.junit.jupiter.api.Test
    void thePoolFollowsTheScalersRuleTheLargestScaleUpOfTheWindow() {
        QueueModel m = new QueueModel("q", MODEL, 0.1, 3);
        m.actuate(1, 0);
        assertEquals(3, m.standby(), "no history yet: all three");
        m.actuate(3, 10); // a scale-up of 2
        m.actuate(3, 31);
        assertEquals(2, m.standby(), "the scale-up of 2 is inside the window");
        m.actuate(3, 41);
        assertEquals(1, m.standby(), "a window without scale-ups: one");
    }

    @org.junit.jupiter.api.Test
    void aStandbyRowNeedsAtLeastOne() {
        assertThrows(
                IllegalArgumentException.class, () -> new StandbyPolicy(new CeilingPolicy(10), 0));
    }

    /** One policy with vazao's defaults and a budget of 20 on the model's defaults. */
    private static PolicyResult run(
            Simulation sim, Policies policies, String name, List<String> queues) {
        return run(sim, policies, name, queues, VazaoKnobs.DEFAULT);
    }

    private static PolicyResult run(
            Simulation sim, Policies policies, String name, List<String> queues, VazaoKnobs knobs) {
        return sim.run(policies.create(name, queues, WorkerModel.DEFAULT, 20, knobs));
    }
}
