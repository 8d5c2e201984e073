package io.vazao.simulator;

import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import io.vazao.engine.DecisionEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the policies of a comparison with the same per-queue ceiling for all of them. */
public final class Policies {

    /** The contenders, compared by default. */
    public static final List<String> NAMES = List.of("vazao", "keda", "seed");

    /** Everything {@link #create} knows, the reference row included. */
    public static final List<String> ALL = List.of("vazao", "keda", "seed", "ceiling");

    private final Supplier<DecisionEngine> engine;

    /**
     * @param engine makes the decision engine vazao's policy drives (a fresh one per run)
     */
    public Policies(Supplier<DecisionEngine> engine) {
        this.engine = engine;
    }

    public ScalingPolicy create(
            String name,
            List<String> queues,
            WorkerModel model,
            int budget,
            int targetDrainSeconds) {
        return switch (name) {
            case "vazao" ->
                    new VazaoPolicy(
                            engine.get(),
                            vazaoPolicies(queues, model, targetDrainSeconds),
                            Settings.defaults().withMaxTotalWorkers(budget),
                            model.serviceRate());
            case "keda" -> new KedaDefaultsPolicy(model.maxWorkers());
            case "seed" -> new SeedPolicy(model.maxWorkers());
            case "ceiling" -> new CeilingPolicy(model.maxWorkers());
            default ->
                    throw new IllegalArgumentException(
                            "unknown policy " + name + "; known: " + ALL);
        };
    }

    /** vazao's default policy per queue (the seed's 40/60 weights), with the model's ceiling. */
    static Map<String, Policy> vazaoPolicies(
            List<String> queues, WorkerModel model, int targetDrainSeconds) {
        Map<String, Policy> policies = new LinkedHashMap<>();
        for (String q : queues) {
            policies.put(
                    q,
                    Policy.builder(SeedPolicy.weightOf(q))
                            .maxWorkers(model.maxWorkers())
                            .targetDrainSeconds(targetDrainSeconds)
                            .build());
        }
        return policies;
    }
}
