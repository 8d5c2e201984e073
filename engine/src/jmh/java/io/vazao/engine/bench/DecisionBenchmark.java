package io.vazao.engine.bench;

import io.vazao.contract.Mode;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.Settings;
import io.vazao.engine.AdaptiveDecisionEngine;
import io.vazao.engine.History;
import io.vazao.engine.Outcome;
import io.vazao.engine.QueueSnapshot;
import io.vazao.engine.Snapshot;
import io.vazao.engine.WorkerSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call of {@code decide} for N queues, in the hard case: the budget binds (weighted sharing and
 * rounding run), every queue has a stabilization window with entries, two workers each (CPU and
 * memory rules). {@code mode=seed} runs the same engine with every queue in seed mode (the replaced
 * system's formula, no sharing work) and is the anchor the adaptive figure is compared with.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// The JIT needs about 5 s at 1,000 queues on 2 cores to reach steady state (3 × 1 s fell short:
// the measured iterations were still falling from 1,167 to 732 µs).
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DecisionBenchmark {

    @Param({"10", "1000", "10000"})
    public int queues;

    @Param({"adaptive", "seed"})
    public String mode;

    private final AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();
    private Snapshot snapshot;
    private Map<String, Policy> policies;
    private Settings settings;
    private History history;
    private Instant now;

    @Setup
    public void setUp() {
        SplittableRandom random =
                new SplittableRandom(42); // fixed: every run measures the same inputs
        Mode m = Mode.fromWire(mode);
        policies = new LinkedHashMap<>();
        List<QueueSnapshot> before = new ArrayList<>();
        List<QueueSnapshot> after = new ArrayList<>();
        for (int i = 0; i < queues; i++) {
            String name = "queue-" + i;
            double expected = 50 + random.nextInt(200);
            policies.put(
                    name,
                    Policy.builder(0.1 + random.nextInt(90) / 100.0)
                            .workers(1, 20)
                            .expectedRatePerWorker(expected)
                            .mode(m)
                            .build());
            List<WorkerSample> workers =
                    List.of(
                            new WorkerSample(name + "-w1", random.nextInt(100), 200L << 20),
                            new WorkerSample(name + "-w2", random.nextInt(100), 300L << 20));
            long ready = random.nextInt(60_000);
            before.add(
                    new QueueSnapshot(name, inputs(ready, random.nextInt(500), expected), workers));
            // a tick later the backlog has shrunk for some queues: their windows hold higher
            // entries
            after.add(
                    new QueueSnapshot(
                            name,
                            inputs(ready / (1 + random.nextInt(3)), random.nextInt(500), expected),
                            workers));
        }
        // A budget well under the total demand: the weighted sharing has to run.
        settings = Settings.defaults().withMaxTotalWorkers(Math.max(1, queues * 3));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        history =
                engine.decide(new Snapshot(before, null), policies, settings, History.empty(), t0)
                        .history();
        snapshot = new Snapshot(after, null);
        now = t0.plusSeconds(1);
    }

    private static QueueInputs inputs(long ready, long unacked, double perWorker) {
        return new QueueInputs(
                ready, unacked, 2, 50 + ready % 400, perWorker * 2, 2, perWorker, "management");
    }

    @Benchmark
    public Outcome decide() {
        return engine.decide(snapshot, policies, settings, history, now);
    }
}
