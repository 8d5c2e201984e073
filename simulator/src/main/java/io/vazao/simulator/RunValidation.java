package io.vazao.simulator;

import io.vazao.contract.Policy;
import io.vazao.contract.Scenario;
import io.vazao.contract.Segment;
import io.vazao.contract.Settings;
import io.vazao.engine.AdaptiveDecisionEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator against a recorded real run: the worker model is calibrated on the run's own
 * measurements (the per-worker rate second by second, the median start-up), the same arrivals and
 * policies go through vazao's engine, and drain time and peak workers are compared. What is checked
 * is the scaling: when workers are asked for and come up, and how many; the machine's capacity
 * second by second is an input taken from the run.
 *
 * @param rate the run's mean per-worker rate (messages/s); the simulation uses its second-by-second
 *     rate
 * @param startupSeconds the calibrated start-up (median of the run's)
 * @param realDrainSeconds burst → every message processed, in the run
 * @param simulatedDrainSeconds the same in the simulation
 * @param realPeak most workers live at once, in the run
 * @param simulatedPeak most workers running at once, in the simulation
 */
public record RunValidation(
        double rate,
        double startupSeconds,
        double realDrainSeconds,
        double simulatedDrainSeconds,
        int realPeak,
        int simulatedPeak) {

    /** The step of the simulation, and how long it runs on after the last arrival. */
    static final SimulationConfig CONFIG = new SimulationConfig(0.1, 5, 120);

    public static RunValidation of(RecordedRun run) {
        Double realDrain = run.drainSeconds();
        if (realDrain == null) {
            throw new IllegalArgumentException("the recorded run never drained");
        }
        double rate = run.perWorkerRate();
        double startup = run.medianStartupSeconds();
        WorkerModel model =
                new WorkerModel(
                        rate, startup, run.prefetch(), run.initialWorkers(), run.maxWorkers());
        Map<String, List<Segment>> segments = new LinkedHashMap<>();
        Map<String, Policy> policies = new LinkedHashMap<>();
        for (String q : run.queues()) {
            double perSecond = run.published().get(q) / run.publishSeconds();
            segments.put(q, List.of(Segment.steady(perSecond, 0, run.publishSeconds())));
            policies.put(
                    q,
                    Policy.builder(run.weights().get(q))
                            .workers(run.minWorkers(), run.maxWorkers())
                            .scaleDownStabilizationSeconds(run.scaleDownStabilizationSeconds())
                            .build());
        }
        Arrivals arrivals =
                new ScenarioArrivals(new Scenario("recorded-run", run.description(), segments));
        double[] drained = {Double.NaN};
        int[] peak = {0};
        double[] bySecond = run.perWorkerRateBySecond();
        new Simulation(
                        arrivals,
                        model,
                        CONFIG,
                        t -> bySecond[(int) Math.min(bySecond.length - 1, Math.max(0, t))])
                .run(
                        new VazaoPolicy(
                                new AdaptiveDecisionEngine(),
                                policies,
                                Settings.defaults().withMaxTotalWorkers(run.budget()),
                                rate),
                        (t, queues) -> {
                            long backlog = 0;
                            int running = 0;
                            for (Simulation.QueueView v : queues.values()) {
                                backlog += v.backlog();
                                running += v.running();
                            }
                            peak[0] = Math.max(peak[0], running);
                            if (t >= run.publishSeconds()
                                    && backlog == 0
                                    && Double.isNaN(drained[0])) {
                                drained[0] = t;
                            }
                        });
        return new RunValidation(rate, startup, realDrain, drained[0], run.peakLive(), peak[0]);
    }

    /** Relative error of the simulated drain time (simulated ÷ real − 1). */
    public double drainError() {
        return simulatedDrainSeconds / realDrainSeconds - 1;
    }

    /** Relative error of the simulated peak. */
    public double peakError() {
        return (double) simulatedPeak / realPeak - 1;
    }

    public String table() {
        return String.format(
                "calibrated on the run: %.0f msg/s per worker on average (second by second in the"
                        + " simulation), start-up %.1f s (median)%n"
                        + "figure            real   simulated  error%n"
                        + "burst -> drained  %5.1fs  %5.1fs  %+5.1f%%%n"
                        + "peak workers      %5d   %5d   %+5.1f%%%n",
                rate,
                startupSeconds,
                realDrainSeconds,
                simulatedDrainSeconds,
                drainError() * 100,
                realPeak,
                simulatedPeak,
                peakError() * 100);
    }
}
