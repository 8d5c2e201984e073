package io.vazao.simulator;

import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.Scenario;
import io.vazao.engine.AdaptiveDecisionEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vazao simulate}: replays a scenario or a recorded trace under vazao, KEDA's defaults and
 * the seed.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description =
                "Replay a scenario or recorded trace through a worker model under vazao's engine, "
                        + "KEDA's defaults and the seed's rule; print the comparison table.")
public class SimulateCommand implements Callable<Integer> {

    /** Recorded traces bundled with the simulator, by name. */
    public static final List<String> BUNDLED_TRACES = List.of("recorded-burst");

    @Spec CommandSpec spec;

    @Option(
            names = "--scenario",
            defaultValue = "burst",
            paramLabel = "NAME|FILE",
            description =
                    "built-in scenario (steady, burst, ramp, sine, spike-train), bundled trace recorded-burst, or a "
                            + "scenario/trace JSON file (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(
            names = "--policy",
            split = ",",
            paramLabel = "NAME",
            description =
                    "policies to compare, comma-separated: vazao, keda, seed, ceiling (every queue "
                            + "at max-workers from the start: the reference floor of waiting), and vazao-standby "
                            + "(vazao with --standby warm workers per queue) (default: vazao,keda,seed)")
    List<String> policies = new ArrayList<>(Policies.NAMES);

    @Mixin ModelOptions modelOptions;

    @Option(
            names = "--target-drain",
            defaultValue = "" + Policy.DEFAULT_TARGET_DRAIN_SECONDS,
            description = "vazao's targetDrainSeconds (default: ${DEFAULT-VALUE})")
    int targetDrain;

    @Option(
            names = "--window",
            defaultValue = "" + Policy.DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS,
            description =
                    "vazao's scaleDownStabilizationSeconds: how long a lower demand must last before"
                            + " the target falls (default: ${DEFAULT-VALUE})")
    int window;

    @Option(
            names = "--min-workers",
            defaultValue = "" + Policy.DEFAULT_MIN_WORKERS,
            description =
                    "vazao's minWorkers per queue; 0 scales an idle queue to zero, as KEDA's"
                            + " default does (default: ${DEFAULT-VALUE})")
    int minWorkers;

    @Option(
            names = "--expected-rate",
            paramLabel = "R",
            description =
                    "vazao's expectedRatePerWorker: messages/s one worker handles, used until the"
                            + " engine has measured a saturated worker (default: none, the engine"
                            + " learns the rate, as on a fresh install)")
    Double expectedRate;

    @Option(
            names = "--standby",
            defaultValue = "" + Policies.DEFAULT_STANDBY,
            description =
                    "warm standby workers per queue of the vazao-standby row: promoted in 0.5 s instead of a start, paid for like running workers (default: ${DEFAULT-VALUE})")
    int standby;

    @Option(names = "--json", description = "print JSON instead of the table")
    boolean json;

    @Option(
            names = "--validate",
            paramLabel = "RUN",
            description =
                    "compare the simulator with a recorded real run (JSON, as the end-to-end test"
                            + " writes it): calibrate on the run, simulate it, print drain time and"
                            + " peak workers side by side; the other options are ignored")
    Path validate;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }

    @Override
    public Integer call() {
        if (validate != null) {
            return validate();
        }
        Arrivals arrivals;
        WorkerModel model;
        SimulationConfig config;
        VazaoKnobs knobs;
        try {
            arrivals = load(scenario);
            model = modelOptions.model();
            config = modelOptions.config();
            knobs = new VazaoKnobs(targetDrain, window, minWorkers, expectedRate);
            knobs.check(model);
            for (String p : policies) {
                if (!Policies.ALL.contains(p)) {
                    throw new IllegalArgumentException(
                            "unknown policy " + p + "; known: " + Policies.ALL);
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Comparison comparison =
                compare(
                        arrivals,
                        model,
                        config,
                        modelOptions.budget(arrivals.queueNames().size()),
                        knobs,
                        policies,
                        standby);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(comparison) + "\n" : comparison.table());
        out.flush();
        return 0;
    }

    private int validate() {
        RunValidation v;
        try {
            v = RunValidation.of(RecordedRun.parse(Files.readString(validate)));
        } catch (IOException | RuntimeException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--validate " + validate + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(v) + "\n" : v.table());
        out.flush();
        return 0;
    }

    /**
     * Runs every named policy on the same arrivals; vazao's drives the production engine with
     * {@code knobs}, the vazao-standby row too, with {@code standby} warm workers per queue.
     */
    public static Comparison compare(
            Arrivals arrivals,
            WorkerModel model,
            SimulationConfig config,
            int budget,
            VazaoKnobs knobs,
            List<String> policyNames,
            int standby) {
        Simulation simulation = new Simulation(arrivals, model, config);
        Policies factory = new Policies(AdaptiveDecisionEngine::new, standby);
        List<PolicyResult> results = new ArrayList<>();
        for (String name : policyNames) {
            results.add(
                    simulation.run(
                            factory.create(name, arrivals.queueNames(), model, budget, knobs)));
        }
        long arrived = results.isEmpty() ? 0 : results.get(0).arrived();
        return new Comparison(
                arrivals.name(),
                arrived,
                arrivals.durationSeconds(),
                model,
                config,
                budget,
                results);
    }

    /** A built-in scenario, a bundled trace, or a scenario or trace file. */
    public static Arrivals load(String nameOrFile) throws IOException {
        if (Scenario.BUILT_IN.contains(nameOrFile)) {
            return new ScenarioArrivals(Scenario.builtin(nameOrFile));
        }
        if (BUNDLED_TRACES.contains(nameOrFile)) {
            try (InputStream in =
                    SimulateCommand.class.getResourceAsStream("/traces/" + nameOrFile + ".json")) {
                return Trace.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "no scenario "
                            + nameOrFile
                            + ": not one of "
                            + Scenario.BUILT_IN
                            + " or "
                            + BUNDLED_TRACES
                            + ", and no such file");
        }
        String text = Files.readString(file);
        return Trace.looksLikeTrace(text)
                ? Trace.parse(text)
                : new ScenarioArrivals(Scenario.parse(text));
    }
}
