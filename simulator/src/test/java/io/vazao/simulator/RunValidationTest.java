package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunValidationTest {

    /** One queue, 1,000 messages; a sample per second: {t, target, live, processed}. */
    static RecordedRun run(long[][] rows) {
        List<RecordedRun.Sample> samples = new ArrayList<>();
        for (long[] r : rows) {
            samples.add(
                    new RecordedRun.Sample(
                            r[0],
                            Map.of("q", Math.max(0, 1_000 - r[3])),
                            Map.of("q", (int) r[1]),
                            Map.of("q", (int) r[2]),
                            Map.of("q", r[3])));
        }
        return new RecordedRun(
                "hand-made", 4, 1, 4, 10, 16, Map.of("q", 1.0), Map.of("q", 1_000L), 1, samples);
    }

    final RecordedRun run =
            run(
                    new long[][] {
                        {0, 1, 1, 0},
                        {1_000, 3, 1, 100}, // two more asked for
                        {2_000, 3, 2, 200}, // one up after 1 s
                        {3_000, 3, 3, 400}, // the other after 2 s
                        {4_000, 3, 2, 700}, // one killed: its replacement is asked for now
                        {5_000, 3, 3, 900}, // up after 1 s
                        {6_000, 3, 3, 1_000},
                        {7_000, 1, 1, 1_000}
                    });

    @Test
    void startUpsAreTimedFromTheTargetThatAskedForThem() {
        assertEquals(List.of(1.0, 2.0, 1.0), run.startupSeconds());
        assertEquals(1.0, run.medianStartupSeconds());
    }

    @Test
    void drainAndPeakAreWhatTheSamplesShow() {
        assertEquals(6.0, run.drainSeconds());
        assertEquals(3, run.peakLive());
        assertEquals(1, run.initialWorkers());
        assertNull(run(new long[][] {{0, 1, 1, 0}, {1_000, 1, 1, 10}}).drainSeconds());
    }

    @Test
    void theRateIsProcessedPerLiveWorkerSecondWhileMessagesAreLeft() {
        // 1,000 messages over 1+1+2+3+2+3 = 12 worker-seconds.
        assertEquals(1_000 / 12.0, run.perWorkerRate(), 1e-9);
        assertArrayEquals(
                new double[] {100, 100, 100, 100, 100, 100 / 3.0, 100 / 3.0, 100 / 3.0},
                run.perWorkerRateBySecond(),
                1e-9);
    }

    /**
     * The recorded end-to-end runs under bench/runs/: calibrated on each run's own figures, the
     * simulator's drain time and peak workers are within 10 % of the real ones.
     */
    @ParameterizedTest
    @ValueSource(strings = {"e2e-burst-1.json", "e2e-burst-2.json"})
    void theSimulatorMatchesARecordedRealRun(String name) throws Exception {
        RecordedRun recorded =
                RecordedRun.parse(Files.readString(Path.of("..", "bench", "runs", name)));
        RunValidation v = RunValidation.of(recorded);
        System.out.print(v.table());
        assertTrue(Math.abs(v.drainError()) <= 0.10, v.table());
        assertTrue(Math.abs(v.peakError()) <= 0.10, v.table());
    }
}
