package io.vazao.simulator;

import io.vazao.engine.AdaptiveDecisionEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sweeps each contender's main knob on one arrival pattern: one simulation per knob value per
 * policy, on the same model and clock as {@code vazao simulate}.
 */
public final class FrontierSweep {

    /**
     * The knob values swept by default, per policy, vazao's three sweeps apart ({@code vazao}: its
     * {@code targetDrainSeconds}, {@link Policies#VAZAO_WINDOW}: its scale-down window, {@link
     * Policies#VAZAO_TO_ZERO}: the drain again at minWorkers 0 and no window); each list holds the
     * policy's default, where it has one.
     */
    public static final Map<String, List<Double>> DEFAULT_KNOBS = defaultKnobs();

    private FrontierSweep() {}

    private static Map<String, List<Double>> defaultKnobs() {
        Map<String, List<Double>> knobs = new LinkedHashMap<>();
        List<Double> drains =
                List.of(2.0, 3.0, 5.0, 8.0, 12.0, 20.0, 30.0, 45.0, 60.0, 90.0, 300.0, 600.0);
        knobs.put("vazao", drains);
        knobs.put(
                Policies.VAZAO_WINDOW,
                List.of(0.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 120.0));
        knobs.put(Policies.VAZAO_TO_ZERO, drains);
        knobs.put("keda", List.of(5.0, 10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 640.0));
        knobs.put("seed", List.of(25.0, 50.0, 100.0, 200.0, 400.0, 800.0, 1600.0));
        return Collections.unmodifiableMap(knobs);
    }

    /**
     * @param knobs knob values per policy, run in this order
     * @return one point per knob value per policy
     */
    public static Frontier run(
            Arrivals arrivals,
            WorkerModel model,
            SimulationConfig config,
            int budget,
            Map<String, List<Double>> knobs) {
        Simulation simulation = new Simulation(arrivals, model, config);
        Policies factory = new Policies(AdaptiveDecisionEngine::new);
        List<FrontierPoint> points = new ArrayList<>();
        long arrived = 0;
        for (Map.Entry<String, List<Double>> e : knobs.entrySet()) {
            for (double knob : e.getValue()) {
                PolicyResult r =
                        simulation.run(
                                factory.createWithKnob(
                                        e.getKey(), arrivals.queueNames(), model, budget, knob));
                arrived = r.arrived();
                points.add(FrontierPoint.of(r, e.getKey(), knob));
            }
        }
        return new Frontier(arrivals.name(), arrived, points);
    }
}
