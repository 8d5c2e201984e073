package io.vazao.simulator;

import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.Settings;
import io.vazao.engine.Decision;
import io.vazao.engine.DecisionEngine;
import io.vazao.engine.History;
import io.vazao.engine.Outcome;
import io.vazao.engine.QueueSnapshot;
import io.vazao.engine.ReadyGrowth;
import io.vazao.engine.Snapshot;
import io.vazao.engine.WorkerSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * vazao's policy: the production decision engine, called once per engine tick with a snapshot built
 * from the model the way policy-service builds it from the broker and the heartbeats (ready
 * messages counted at the tick, unacked and rates from the last statistics sample; live workers =
 * running workers; per-worker rate = ack rate ÷ live workers, smoothed by the engine itself).
 */
public final class VazaoPolicy implements ScalingPolicy {

    /** Resident memory reported for every simulated worker (a small Quarkus JVM). */
    static final long WORKER_RSS_BYTES = 140L * 1024 * 1024;

    /** t = 0 of a simulation on the engine's clock; any fixed instant does. */
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final DecisionEngine engine;
    private final Map<String, Policy> policies;
    private final Settings settings;
    private final double serviceRate;
    private final ReadyGrowth readyGrowth = new ReadyGrowth();
    private History history = History.empty();

    /**
     * @param engine the engine to drive (the production {@code AdaptiveDecisionEngine})
     * @param policies per queue
     * @param settings budget and tick
     * @param serviceRate the model's per-worker rate, only to report a plausible CPU per worker
     */
    public VazaoPolicy(
            DecisionEngine engine,
            Map<String, Policy> policies,
            Settings settings,
            double serviceRate) {
        this.engine = engine;
        this.policies = Map.copyOf(policies);
        this.settings = settings;
        this.serviceRate = serviceRate;
    }

    @Override
    public String name() {
        return "vazao";
    }

    @Override
    public double periodSeconds() {
        return settings.tickMillis() / 1000.0;
    }

    /** As the policy service: a passive declare counts ready messages every tick. */
    @Override
    public boolean countsReadyWhenDeciding() {
        return true;
    }

    @Override
    public Map<String, Integer> decide(
            double t, Map<String, Observation> observations, Map<String, Integer> current) {
        List<QueueSnapshot> queues = new ArrayList<>();
        observations.forEach(
                (queue, o) -> {
                    Double growth = readyGrowth.growth(queue, o.ready(), Math.round(t * 1000));
                    queues.add(new QueueSnapshot(queue, inputs(o, growth), workers(queue, o)));
                });
        Outcome outcome =
                engine.decide(
                        new Snapshot(queues, null),
                        policies,
                        settings,
                        history,
                        EPOCH.plusMillis(Math.round(t * 1000)));
        history = outcome.history();
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (Decision d : outcome.decisions()) {
            targets.put(d.queue(), d.target());
        }
        return targets;
    }

    /**
     * As policy-service's SnapshotBuilder: no measurement rather than a rate of 0 from idle
     * workers; arrivals are the publish-rate statistic or, when higher, the counted ready figure's
     * growth since the last tick.
     */
    static QueueInputs inputs(Observation o, Double readyGrowth) {
        Double perWorker = o.running() > 0 && o.ackRate() > 0 ? o.ackRate() / o.running() : null;
        return new QueueInputs(
                o.ready(),
                o.unacked(),
                o.running(),
                ReadyGrowth.arrivals(o.publishRate(), readyGrowth),
                o.ackRate(),
                o.running(),
                perWorker,
                QueueInputs.SOURCE_MANAGEMENT);
    }

    private List<WorkerSample> workers(String queue, Observation o) {
        double busy =
                o.running() == 0 ? 0 : Math.min(1.0, o.ackRate() / (o.running() * serviceRate));
        List<WorkerSample> samples = new ArrayList<>(o.running());
        for (int i = 0; i < o.running(); i++) {
            samples.add(new WorkerSample(queue + "-" + i, busy * 100, WORKER_RSS_BYTES));
        }
        return samples;
    }
}
