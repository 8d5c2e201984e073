package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class FrontierSweepTest {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir Path tmp;

    static Map<String, List<Double>> smallSweep() {
        Map<String, List<Double>> knobs = new LinkedHashMap<>();
        knobs.put("vazao", List.of(5.0, 30.0, 90.0));
        knobs.put("keda", List.of(20.0, 160.0));
        knobs.put("seed", List.of(200.0));
        return knobs;
    }

    @Test
    void onePointPerKnobValuePerPolicyAndAValidPng() throws Exception {
        Arrivals burst = SimulateCommand.load("burst");
        Map<String, List<Double>> knobs = smallSweep();
        Frontier f =
                FrontierSweep.run(
                        burst, WorkerModel.DEFAULT, new SimulationConfig(0.1, 5, 60), 20, knobs);
        assertEquals(6, f.points().size());
        knobs.forEach(
                (policy, values) -> {
                    assertEquals(
                            values,
                            f.of(policy).stream().map(FrontierPoint::knob).toList(),
                            policy);
                    assertEquals(
                            1,
                            f.of(policy).stream().filter(FrontierPoint::isDefault).count(),
                            policy + "'s default marked once");
                });
        assertTrue(f.arrived() > 0);
        f.points().forEach(p -> assertTrue(p.workerSeconds() > 0 && p.meanWaitSeconds() > 0));

        Path png = tmp.resolve("frontier-burst.png");
        FrontierChart.write(f, List.copyOf(knobs.keySet()), png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(png), 8));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(FrontierChart.WIDTH, image.getWidth());
        assertEquals(FrontierChart.HEIGHT, image.getHeight());
    }

    @Test
    void theWindowSeriesHasOnePointPerWindowValueAtTheDefaultDrain() throws Exception {
        Arrivals burst = SimulateCommand.load("burst");
        Map<String, List<Double>> knobs = new LinkedHashMap<>();
        knobs.put("vazao", List.of(30.0, 90.0));
        knobs.put(Policies.VAZAO_WINDOW, List.of(0.0, 10.0, 30.0, 120.0));
        Frontier f =
                FrontierSweep.run(
                        burst, WorkerModel.DEFAULT, new SimulationConfig(0.1, 5, 60), 20, knobs);
        List<FrontierPoint> window = f.of(Policies.VAZAO_WINDOW);
        assertEquals(
                List.of(0.0, 10.0, 30.0, 120.0), window.stream().map(FrontierPoint::knob).toList());
        assertEquals(
                List.of(30.0),
                window.stream().filter(FrontierPoint::isDefault).map(FrontierPoint::knob).toList());
        assertEquals(6, f.vazao().size());
        assertEquals(List.of(Frontier.Sweeps.ALL, Frontier.Sweeps.DRAIN), f.sweeps());
        // window 30 at drain 30 is the drain sweep's default run: the same point
        FrontierPoint drainDefault = f.of("vazao").get(0);
        assertEquals(drainDefault.workerSeconds(), window.get(2).workerSeconds());
        assertEquals(drainDefault.meanWaitSeconds(), window.get(2).meanWaitSeconds());
        // the window reaches the engine: a shorter one lets workers go sooner
        assertTrue(window.get(0).workerSeconds() < window.get(2).workerSeconds(), "" + window);
        assertTrue(window.get(3).workerSeconds() > window.get(2).workerSeconds(), "" + window);
    }

    @Test
    void theScaleToZeroSeriesRunsTheDrainAtMinWorkersZeroAndNoWindow() throws Exception {
        Arrivals sine = SimulateCommand.load("sine");
        Map<String, List<Double>> knobs = new LinkedHashMap<>();
        knobs.put("vazao", List.of(30.0));
        knobs.put(Policies.VAZAO_TO_ZERO, List.of(30.0, 600.0));
        Frontier f =
                FrontierSweep.run(
                        sine, WorkerModel.DEFAULT, new SimulationConfig(0.1, 5, 60), 20, knobs);
        List<FrontierPoint> zero = f.of(Policies.VAZAO_TO_ZERO);
        assertEquals(List.of(30.0, 600.0), zero.stream().map(FrontierPoint::knob).toList());
        assertTrue(zero.stream().noneMatch(FrontierPoint::isDefault), "" + zero);
        // the same drain without a floor or a window: idle queues and past peaks cost nothing
        FrontierPoint drainDefault = f.of("vazao").get(0);
        assertTrue(zero.get(0).workerSeconds() < drainDefault.workerSeconds(), "" + f.points());
        // the drain still reaches the engine: a longer one waits longer
        assertTrue(zero.get(1).meanWaitSeconds() > zero.get(0).meanWaitSeconds(), "" + zero);
    }

    /**
     * The goal, with the default sweep and model: every KEDA point and every seed point is
     * covered by one of vazao's. Before a one-tick batch was told from a sustained rate, three KEDA
     * points of the spike train were not: every spike took vazao to its ceiling whatever the drain
     * target. The seed's cheapest points (a floor of one worker and little more) are covered only
     * by the scale-to-zero sweep: at vazao's floor of one they are not (docs/simulator.md).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"burst", "sine", "spike-train"})
    void vazaosCurveLiesBelowKedasAndTheSeedsEverywhere(String scenario) throws Exception {
        Frontier f =
                FrontierSweep.run(
                        SimulateCommand.load(scenario),
                        WorkerModel.DEFAULT,
                        SimulationConfig.DEFAULT,
                        20,
                        FrontierSweep.DEFAULT_KNOBS);
        assertTrue(f.vazaoBelow("keda"), f.verdict("keda"));
        assertTrue(f.vazaoBelow("seed"), f.verdict("seed"));
        assertTrue(
                f.verdict("seed", Frontier.Sweeps.FLOOR_ONE).contains("everywhere: no"),
                "the docs say the floor of one does not reach the seed's cheapest points; now: "
                        + f.verdict("seed", Frontier.Sweeps.FLOOR_ONE));
    }

    @Test
    void commandWritesAPictureAndATablePerScenarioAndTheVerdicts() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FrontierCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        Path dir = tmp.resolve("docs");
        int exit =
                cli.execute(
                        "--scenario", "burst",
                        "--scenario", "spike-train",
                        "--out", dir.toString(),
                        "--knobs", "vazao=30,60",
                        "--knobs", "vazao-window=0,30",
                        "--knobs", "vazao-zero=30",
                        "--knobs", "keda=20",
                        "--knobs", "seed=100,200",
                        "--tail", "60");
        assertEquals(0, exit, err.toString());
        String md = Files.readString(dir.resolve("frontier.md"));
        for (String s : List.of("burst", "spike-train")) {
            assertTrue(Files.isRegularFile(dir.resolve("frontier-" + s + ".png")), s);
            for (String who :
                    List.of("vazao (all sweeps)", "vazao (floor 1)", "vazao (drain only)")) {
                for (String other : List.of("keda", "seed")) {
                    String line = s + ": " + who + " below " + other + " everywhere: ";
                    assertTrue(out.toString().contains(line), out.toString());
                    assertTrue(md.contains("- " + line), md);
                }
            }
        }
        assertTrue(
                md.contains("![mean wait against worker-seconds, burst](frontier-burst.png)"), md);
        assertTrue(md.contains("| vazao (drain) | 30 (default) |"), md);
        assertTrue(md.contains("| vazao (window) | 0 |"), md);
        assertTrue(md.contains("| vazao (window) | 30 (default) |"), md);
        assertTrue(md.contains("| vazao (to zero) | 30 |"), md);
        assertTrue(md.contains("| seed | 100 |"), md);
        assertEquals(2, md.lines().filter(l -> l.startsWith("| keda | 20 (default) |")).count());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--scenario=nope", "--knobs=ceiling=1", "--knobs=keda=x", "--tail=-1"})
    void aBadArgumentIsAUsageError(String arg) {
        CommandLine cli = new CommandLine(new FrontierCommand());
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute(arg, "--out", tmp.toString()));
    }

    @Test
    void knobsNotGivenKeepTheirDefaultValues() {
        Map<String, List<Double>> sweep = FrontierCommand.sweep(Map.of("keda", "10, 20"));
        assertEquals(List.of(10.0, 20.0), sweep.get("keda"));
        assertEquals(FrontierSweep.DEFAULT_KNOBS.get("vazao"), sweep.get("vazao"));
        assertEquals(
                List.of(0.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 120.0),
                sweep.get(Policies.VAZAO_WINDOW));
        assertEquals(FrontierSweep.DEFAULT_KNOBS.get("vazao"), sweep.get(Policies.VAZAO_TO_ZERO));
        assertEquals(
                List.of("vazao", "vazao-window", "vazao-zero", "keda", "seed"),
                List.copyOf(sweep.keySet()));
    }
}
