package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimulateCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsOneRowPerPolicyAndTheGoalLine() {
        Run r = run("--scenario", "burst", "--tail", "60");
        assertEquals(0, r.exit(), r.err());
        for (String p : Policies.NAMES) {
            assertTrue(
                    r.out().lines().anyMatch(l -> l.startsWith(p + " ")),
                    p + " row in\n" + r.out());
        }
        assertTrue(r.out().contains("vazao vs keda: mean wait"), r.out());
    }

    @Test
    void theStandbyRowGetsAGoalLineOfItsOwn() {
        Run r = run("--scenario", "burst", "--policy", "vazao,keda,vazao-standby");
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out().contains("vazao vs keda: mean wait 0.53× (goal ≤ 0.5: missed)"), r.out());
        assertTrue(
                r.out().contains("vazao-standby vs keda: mean wait 0.48× (goal ≤ 0.5: met)"),
                r.out());
        List<Integer> waitEnds =
                r.out()
                        .lines()
                        .filter(l -> l.startsWith("vazao") || l.startsWith("keda "))
                        .filter(l -> !l.contains(" vs keda"))
                        .map(l -> l.indexOf("s ", l.indexOf('.')))
                        .toList();
        assertEquals(3, waitEnds.size(), r.out());
        assertEquals(1, waitEnds.stream().distinct().count(), "mean waits aligned:\n" + r.out());
    }

    @Test
    void jsonCarriesEveryMetric() throws Exception {
        Run r = run("--scenario", "spike-train", "--policy", "keda,seed", "--json", "--tail", "30");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = Json.mapper().readTree(r.out());
        assertEquals("spike-train", root.get("scenario").asText());
        assertEquals(2, root.get("results").size());
        JsonNode keda = root.get("results").get(0);
        for (String field :
                new String[] {
                    "meanDelaySeconds",
                    "p99DelaySeconds",
                    "backlogSeconds",
                    "workerSeconds",
                    "peakWorkers",
                    "drainSeconds"
                }) {
            assertTrue(keda.has(field), field);
        }
    }

    @Test
    void replaysTheBundledRecordedTrace() {
        Run r = run("--scenario", "recorded-burst", "--policy", "seed", "--tail", "30");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("scenario recorded-burst"), r.out());
    }

    @Test
    void readsScenarioFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(
                file,
                """
                {"name": "mine", "queues": {"q": [{"kind": "burst", "count": 500, "at": 1}]}}""");
        Run r = run("--scenario", file.toString(), "--policy", "keda", "--tail", "10");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("scenario mine: 500 messages"), r.out());
    }

    @Test
    void unknownScenarioOrPolicyIsAUsageError() {
        Run bad = run("--scenario", "nope");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("no scenario nope"), bad.err());
        Run badPolicy = run("--policy", "hpa");
        assertEquals(2, badPolicy.exit());
        assertTrue(badPolicy.err().contains("unknown policy hpa"), badPolicy.err());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--window|-1|the scale-down window must be >= 0 s, not -1",
                "--min-workers|-1|minWorkers must be >= 0, not -1",
                "--min-workers|11|minWorkers 11 is above the ceiling of 10 workers per queue",
                "--target-drain|0|targetDrainSeconds must be >= 1, not 0",
                "--expected-rate|0|expectedRatePerWorker must be > 0 and <= 1000000 messages/s, not 0.0",
                "--expected-rate|-5|expectedRatePerWorker must be > 0 and <= 1000000 messages/s, not -5.0",
                "--expected-rate|NaN|expectedRatePerWorker must be > 0 and <= 1000000 messages/s, not NaN",
                "--expected-rate|2e6|expectedRatePerWorker must be > 0 and <= 1000000 messages/s, not 2000000.0",
            })
    void aBadVazaoSettingIsAUsageError(String option, String value, String message) {
        Run r = run("--scenario", "sine", option, value);
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out());
    }

    /** The window and the floor change vazao's rows only, and cost less as they are lowered. */
    @Test
    void theWindowAndTheFloorReachVazaosRowsOnly() throws Exception {
        Arrivals sine = SimulateCommand.load("sine");
        List<String> names = List.of("vazao", "seed", "vazao-standby");
        List<VazaoKnobs> knobs =
                List.of(
                        VazaoKnobs.DEFAULT,
                        VazaoKnobs.DEFAULT.withWindow(0),
                        new VazaoKnobs(30, 0, 0, null));
        double[][] cost = new double[knobs.size()][];
        for (int k = 0; k < knobs.size(); k++) {
            cost[k] =
                    compare(sine, knobs.get(k), names).stream()
                            .mapToDouble(PolicyResult::workerSeconds)
                            .toArray();
        }
        for (int k = 1; k < knobs.size(); k++) {
            assertTrue(cost[k][0] < cost[k - 1][0], "vazao at " + knobs.get(k));
            assertTrue(cost[k][2] < cost[k - 1][2], "vazao-standby at " + knobs.get(k));
            assertEquals(cost[0][1], cost[k][1], "the seed's row at " + knobs.get(k));
        }
    }

    /**
     * A policy that names the worker's rate sizes the spikes before the engine has measured one: on
     * the spike train, whose spikes drain before a rate counts as measured, the wait falls for more
     * worker-seconds; KEDA's and the seed's rows do not move (docs/simulator.md).
     */
    @Test
    void anExpectedRateSizesTheSpikesBeforeTheEngineHasMeasuredOne() throws Exception {
        Arrivals spikes = SimulateCommand.load("spike-train");
        List<String> names = List.of("vazao", "keda", "seed");
        VazaoKnobs known = VazaoKnobs.DEFAULT.withExpectedRate(WorkerModel.DEFAULT.serviceRate());
        List<PolicyResult> learnt = compare(spikes, VazaoKnobs.DEFAULT, names);
        List<PolicyResult> told = compare(spikes, known, names);
        System.out.printf(
                "spike-train: learnt %.2f s at %.0f worker·s; expected rate %.0f/s %.2f s at %.0f%n",
                learnt.get(0).meanDelaySeconds(),
                learnt.get(0).workerSeconds(),
                WorkerModel.DEFAULT.serviceRate(),
                told.get(0).meanDelaySeconds(),
                told.get(0).workerSeconds());
        assertTrue(told.get(0).meanDelaySeconds() < 0.75 * learnt.get(0).meanDelaySeconds());
        assertTrue(told.get(0).workerSeconds() > learnt.get(0).workerSeconds());
        assertEquals(learnt.subList(1, 3), told.subList(1, 3), "KEDA's and the seed's rows");
    }

    private static List<PolicyResult> compare(
            Arrivals arrivals, VazaoKnobs knobs, List<String> names) {
        return SimulateCommand.compare(
                        arrivals,
                        WorkerModel.DEFAULT,
                        SimulationConfig.DEFAULT,
                        20,
                        knobs,
                        names,
                        Policies.DEFAULT_STANDBY)
                .results();
    }
}
