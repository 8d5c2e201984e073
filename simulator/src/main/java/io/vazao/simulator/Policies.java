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
            case "vazao" -> vazao(queues, model, budget, targetDrainSeconds);
            case "keda" -> new KedaDefaultsPolicy(model.maxWorkers());
            case "seed" -> new SeedPolicy(model.maxWorkers());
            case "ceiling" -> new CeilingPolicy(model.maxWorkers());
            default ->
                    throw new IllegalArgumentException(
                            "unknown policy " + name + "; known: " + ALL);
        };
    }

    /**
     * A contender with its main knob set to {@code knob}: vazao's {@code targetDrainSeconds} (a
     * whole number of seconds), KEDA's trigger {@code value} (messages per replica), the seed's
     * messages per worker (a whole number). Everything else as {@link #create} sets it.
     */
    public ScalingPolicy createWithKnob(
            String name, List<String> queues, WorkerModel model, int budget, double knob) {
        return switch (name) {
            case "vazao" -> vazao(queues, model, budget, whole(name, knob));
            case "keda" -> new KedaDefaultsPolicy(model.maxWorkers(), knob);
            case "seed" -> new SeedPolicy(model.maxWorkers(), whole(name, knob));
            default ->
                    throw new IllegalArgumentException(
                            "no knob for policy " + name + "; known: " + NAMES);
        };
    }

    /** The value {@link #create} gives each contender's main knob. */
    public static double defaultKnob(String name) {
        return switch (name) {
            case "vazao" -> Policy.DEFAULT_TARGET_DRAIN_SECONDS;
            case "keda" -> KedaDefaultsPolicy.QUEUE_LENGTH_VALUE;
            case "seed" -> SeedPolicy.MESSAGES_PER_WORKER;
            default ->
                    throw new IllegalArgumentException(
                            "no knob for policy " + name + "; known: " + NAMES);
        };
    }

    /** What each contender's main knob is called, with its unit. */
    public static String knobName(String name) {
        return switch (name) {
            case "vazao" -> "targetDrainSeconds (s)";
            case "keda" -> "trigger value (messages per replica)";
            case "seed" -> "messages per worker";
            default ->
                    throw new IllegalArgumentException(
                            "no knob for policy " + name + "; known: " + NAMES);
        };
    }

    private ScalingPolicy vazao(
            List<String> queues, WorkerModel model, int budget, int targetDrainSeconds) {
        return new VazaoPolicy(
                engine.get(),
                vazaoPolicies(queues, model, targetDrainSeconds),
                Settings.defaults().withMaxTotalWorkers(budget),
                model.serviceRate());
    }

    private static int whole(String name, double knob) {
        if (knob != Math.rint(knob) || knob < 1 || knob > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    name + "'s knob must be a whole number >= 1, not " + knob);
        }
        return (int) knob;
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
