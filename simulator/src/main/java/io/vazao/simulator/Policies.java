package io.vazao.simulator;

import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import io.vazao.engine.DecisionEngine;
import java.util.List;
import java.util.function.Supplier;

/** Builds the policies of a comparison with the same per-queue ceiling for all of them. */
public final class Policies {

    /** The contenders, compared by default. */
    public static final List<String> NAMES = List.of("vazao", "keda", "seed");

    /** Everything {@link #create} knows, the reference row included. */
    public static final List<String> ALL =
            List.of("vazao", "keda", "seed", "ceiling", "vazao-standby");

    /**
     * vazao swept over its second knob, {@code scaleDownStabilizationSeconds}, at the default
     * {@code targetDrainSeconds} ({@link #createWithKnob}); {@code "vazao"} there sweeps the drain.
     */
    public static final String VAZAO_WINDOW = "vazao-window";

    /**
     * vazao swept over {@code targetDrainSeconds} at its cheapest settings ({@link
     * VazaoKnobs#TO_ZERO}: {@code minWorkers} 0, no scale-down window): the settings a user picks
     * to pay for no idle worker, which the seed's rule, whose floor is one worker, cannot express.
     */
    public static final String VAZAO_TO_ZERO = "vazao-zero";

    /** Warm standby workers per queue of the {@code vazao-standby} row, unless told. */
    public static final int DEFAULT_STANDBY = 3;

    private final Supplier<DecisionEngine> engine;
    private final int standby;

    /**
     * @param engine makes the decision engine vazao's policy drives (a fresh one per run)
     */
    public Policies(Supplier<DecisionEngine> engine) {
        this(engine, DEFAULT_STANDBY);
    }

    /**
     * @param standby warm standby workers per queue of the {@code vazao-standby} row
     */
    public Policies(Supplier<DecisionEngine> engine, int standby) {
        this.engine = engine;
        this.standby = standby;
    }

    public ScalingPolicy create(
            String name, List<String> queues, WorkerModel model, int budget, VazaoKnobs knobs) {
        return switch (name) {
            case "vazao" -> vazao(knobs, queues, model, budget);
            case "keda" -> new KedaDefaultsPolicy(model.maxWorkers());
            case "seed" -> new SeedPolicy(model.maxWorkers());
            case "ceiling" -> new CeilingPolicy(model.maxWorkers());
            case "vazao-standby" -> new StandbyPolicy(vazao(knobs, queues, model, budget), standby);
            default ->
                    throw new IllegalArgumentException(
                            "unknown policy " + name + "; known: " + ALL);
        };
    }

    /**
     * A contender with its main knob set to {@code knob}: vazao's {@code targetDrainSeconds} (a
     * whole number of seconds), KEDA's trigger {@code value} (messages per replica), the seed's
     * messages per worker (a whole number); for {@link #VAZAO_WINDOW} vazao's {@code
     * scaleDownStabilizationSeconds} (a whole number of seconds, 0 allowed); for {@link
     * #VAZAO_TO_ZERO} vazao's {@code targetDrainSeconds} at {@link VazaoKnobs#TO_ZERO}. Everything
     * else as {@link #create} sets it.
     */
    public ScalingPolicy createWithKnob(
            String name, List<String> queues, WorkerModel model, int budget, double knob) {
        return switch (name) {
            case "vazao" ->
                    vazao(
                            VazaoKnobs.DEFAULT.withDrain(whole(name, knob, 1)),
                            queues,
                            model,
                            budget);
            case VAZAO_WINDOW ->
                    vazao(
                            VazaoKnobs.DEFAULT.withWindow(whole(name, knob, 0)),
                            queues,
                            model,
                            budget);
            case VAZAO_TO_ZERO ->
                    vazao(
                            VazaoKnobs.TO_ZERO.withDrain(whole(name, knob, 1)),
                            queues,
                            model,
                            budget);
            case "keda" -> new KedaDefaultsPolicy(model.maxWorkers(), knob);
            case "seed" -> new SeedPolicy(model.maxWorkers(), whole(name, knob, 1));
            default ->
                    throw new IllegalArgumentException(
                            "no knob for policy " + name + "; known: " + NAMES);
        };
    }

    /**
     * The value {@link #create} gives each contender's main knob; NaN for {@link #VAZAO_TO_ZERO},
     * none of whose points is vazao's default run.
     */
    public static double defaultKnob(String name) {
        return switch (name) {
            case VAZAO_TO_ZERO -> Double.NaN;
            case "vazao" -> Policy.DEFAULT_TARGET_DRAIN_SECONDS;
            case VAZAO_WINDOW -> Policy.DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS;
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
            case VAZAO_WINDOW -> "scaleDownStabilizationSeconds (s)";
            case VAZAO_TO_ZERO -> "targetDrainSeconds (s) at minWorkers 0 and no scale-down window";
            case "keda" -> "trigger value (messages per replica)";
            case "seed" -> "messages per worker";
            default ->
                    throw new IllegalArgumentException(
                            "no knob for policy " + name + "; known: " + NAMES);
        };
    }

    /** A swept contender's name as the chart and the tables give it: vazao's sweeps apart. */
    public static String label(String name) {
        return switch (name) {
            case "vazao" -> "vazao (drain)";
            case VAZAO_WINDOW -> "vazao (window)";
            case VAZAO_TO_ZERO -> "vazao (to zero)";
            default -> name;
        };
    }

    /**
     * A swept knob's value as the verdicts name a vazao point: "drain 30", "window 0", "to zero,
     * drain 30".
     */
    public static String knobShort(String name) {
        return switch (name) {
            case "vazao" -> "drain";
            case VAZAO_WINDOW -> "window";
            case VAZAO_TO_ZERO -> "to zero, drain";
            default -> name;
        };
    }

    /** Whether {@code name} is one of vazao's sweeps. */
    public static boolean isVazao(String name) {
        return name.equals("vazao") || name.equals(VAZAO_WINDOW) || name.equals(VAZAO_TO_ZERO);
    }

    private ScalingPolicy vazao(
            VazaoKnobs knobs, List<String> queues, WorkerModel model, int budget) {
        return new VazaoPolicy(
                engine.get(),
                knobs.policies(queues, model),
                Settings.defaults().withMaxTotalWorkers(budget),
                model.serviceRate());
    }

    private static int whole(String name, double knob, int least) {
        if (knob != Math.rint(knob) || knob < least || knob > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    name + "'s knob must be a whole number >= " + least + ", not " + knob);
        }
        return (int) knob;
    }
}
