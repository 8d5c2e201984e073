package io.vazao.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The trade-off as a picture: sweeps each contender's main knob per scenario, draws mean wait
 * against worker-seconds ({@code OUT/frontier-SCENARIO.png}) and writes the numbers beside them
 * ({@code OUT/frontier.md}).
 */
@Command(
        name = "frontier",
        mixinStandardHelpOptions = true,
        description =
                "Sweep vazao's targetDrainSeconds and scale-down window (and the drain again at"
                        + " minWorkers 0 and no window), KEDA's trigger value and the seed's"
                        + " messages per worker per scenario; draw mean wait against"
                        + " worker-seconds, write the numbers, and say whether vazao's curve (over"
                        + " all sweeps, at a floor of one worker, and over the drain alone) lies"
                        + " below the others'.")
public class FrontierCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--scenario",
            split = ",",
            paramLabel = "NAME|FILE",
            description =
                    "scenarios, comma-separated or repeated, as simulate's --scenario takes them"
                            + " (default: burst,sine,spike-train)")
    List<String> scenarios = new ArrayList<>(List.of("burst", "sine", "spike-train"));

    @Option(
            names = "--out",
            defaultValue = "docs",
            paramLabel = "DIR",
            description = "where the PNGs and frontier.md go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--knobs",
            paramLabel = "POLICY=V,V,…",
            description =
                    "the values to sweep of one policy's knob, repeatable; a policy not named keeps"
                            + " its default values:"
                            + " vazao=2,3,5,8,12,20,30,45,60,90,300,600 (targetDrainSeconds),"
                            + " vazao-window=0,2,5,10,15,20,30,45,60,120"
                            + " (scaleDownStabilizationSeconds at the default drain),"
                            + " vazao-zero=2,3,5,8,12,20,30,45,60,90,300,600"
                            + " (targetDrainSeconds at minWorkers 0 and no window),"
                            + " keda=5,10,20,40,80,160,320,640 (the trigger's value),"
                            + " seed=25,50,100,200,400,800,1600 (messages per worker)")
    Map<String, String> knobs = new LinkedHashMap<>();

    @Mixin ModelOptions options;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new FrontierCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        WorkerModel model;
        SimulationConfig config;
        List<Arrivals> arrivals = new ArrayList<>();
        Map<String, List<Double>> sweep;
        try {
            model = options.model();
            config = options.config();
            sweep = sweep(knobs);
            for (String s : scenarios) {
                arrivals.add(SimulateCommand.load(s));
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> policies = List.copyOf(sweep.keySet());
        Files.createDirectories(out);
        PrintWriter printer = spec.commandLine().getOut();
        List<FrontierReport.Section> sections = new ArrayList<>();
        for (Arrivals a : arrivals) {
            int budget = options.budget(a.queueNames().size());
            Frontier frontier = FrontierSweep.run(a, model, config, budget, sweep);
            String png = "frontier-" + a.name().replaceAll("[^A-Za-z0-9_-]", "-") + ".png";
            FrontierChart.write(frontier, policies, out.resolve(png));
            sections.add(new FrontierReport.Section(frontier, png, budget));
            printer.println(a.name() + ": " + out.resolve(png));
            for (String other : List.of("keda", "seed")) {
                for (Frontier.Sweeps sweeps : frontier.sweeps()) {
                    printer.println(frontier.verdict(other, sweeps));
                }
            }
            printer.flush();
        }
        Path md = out.resolve("frontier.md");
        Files.writeString(
                md, FrontierReport.markdown(command(), model, config, policies, sections));
        printer.println("numbers: " + md);
        printer.flush();
        return 0;
    }

    /** The default sweep with the policies named in {@code given} swept over their values. */
    static Map<String, List<Double>> sweep(Map<String, String> given) {
        Map<String, List<Double>> sweep = new LinkedHashMap<>(FrontierSweep.DEFAULT_KNOBS);
        given.forEach(
                (policy, values) -> {
                    if (!sweep.containsKey(policy)) {
                        throw new IllegalArgumentException(
                                "--knobs: no policy " + policy + "; known: " + sweep.keySet());
                    }
                    List<Double> parsed = new ArrayList<>();
                    for (String v : values.split(",")) {
                        try {
                            parsed.add(Double.parseDouble(v.strip()));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(
                                    "--knobs " + policy + ": not a number: " + v);
                        }
                    }
                    sweep.put(policy, List.copyOf(parsed));
                });
        return sweep;
    }

    /** The command line as the docs give it: the script and the arguments it was given. */
    private String command() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return args.isEmpty() ? "bench/frontier.sh" : "bench/frontier.sh " + String.join(" ", args);
    }
}
