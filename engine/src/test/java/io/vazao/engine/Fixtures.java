package io.vazao.engine;

import io.vazao.contract.Mode;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.Settings;
import java.time.Instant;
import java.util.List;

/** Small builders for engine inputs. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {}

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static QueueInputs inputs(
            long ready, long unacked, double publishRate, int live, Double perWorkerRate) {
        return new QueueInputs(
                ready,
                unacked,
                live,
                publishRate,
                perWorkerRate == null ? 0 : perWorkerRate * live,
                live,
                perWorkerRate,
                "management");
    }

    static QueueSnapshot queue(String name, QueueInputs in) {
        return new QueueSnapshot(name, in, List.of());
    }

    static QueueSnapshot queue(String name, QueueInputs in, List<WorkerSample> workers) {
        return new QueueSnapshot(name, in, workers);
    }

    static Snapshot snapshot(QueueSnapshot... queues) {
        return new Snapshot(List.of(queues), null);
    }

    /**
     * Adaptive policy: weight, min, max, expected rate per worker, drain seconds, window seconds.
     */
    static Policy adaptive(
            double weight,
            int min,
            int max,
            Double expectedRate,
            int drainSeconds,
            int windowSeconds) {
        return Policy.builder(weight)
                .workers(min, max)
                .targetDrainSeconds(drainSeconds)
                .expectedRatePerWorker(expectedRate)
                .scaleDownStabilizationSeconds(windowSeconds)
                .build();
    }

    static Policy seedPolicy(double weight, int min, int max, int messagesPerWorker) {
        return Policy.builder(weight)
                .workers(min, max)
                .messagesPerWorker(messagesPerWorker)
                .mode(Mode.SEED)
                .build();
    }

    static Settings budget(int maxTotal) {
        return Settings.defaults().withMaxTotalWorkers(maxTotal);
    }

    static Decision only(Outcome o) {
        return o.decisions().get(0);
    }
}
