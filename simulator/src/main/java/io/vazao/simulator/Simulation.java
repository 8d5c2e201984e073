package io.vazao.simulator;

import io.vazao.engine.StandbyMemory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Replays an arrival pattern through the worker model under one policy, in discrete steps. Every
 * step: the broker's statistics refresh when due, the policy decides when due and its targets are
 * actuated, then start-ups complete, messages arrive and running workers process them in FIFO
 * order.
 */
public final class Simulation {

    /** Sees the state after every step; tests use it to check invariants. */
    public interface StepListener {
        void afterStep(double t, Map<String, QueueView> queues);
    }

    /** One queue's state after a step. */
    public record QueueView(
            long arrived, long processed, long backlog, int running, int starting) {}

    private final Arrivals arrivals;
    private final WorkerModel model;
    private final SimulationConfig config;
    private final DoubleUnaryOperator serviceRate;

    public Simulation(Arrivals arrivals, WorkerModel model, SimulationConfig config) {
        this(arrivals, model, config, t -> model.serviceRate());
    }

    /**
     * @param serviceRate messages/s one running worker processes at time t: the model's constant
     *     rate, or a recorded run's measured rate second by second (a machine whose capacity varies
     *     with what else runs on it)
     */
    public Simulation(
            Arrivals arrivals,
            WorkerModel model,
            SimulationConfig config,
            DoubleUnaryOperator serviceRate) {
        this.arrivals = arrivals;
        this.model = model;
        this.config = config;
        this.serviceRate = serviceRate;
    }

    public PolicyResult run(ScalingPolicy policy) {
        return run(policy, null);
    }

    public PolicyResult run(ScalingPolicy policy, StepListener listener) {
        double dt = config.stepSeconds();
        long steps = (long) Math.ceil((arrivals.durationSeconds() + config.tailSeconds()) / dt);
        long policyEvery = everySteps(policy.periodSeconds(), dt);
        long statsEvery =
                config.statsIntervalSeconds() == 0
                        ? 1
                        : everySteps(config.statsIntervalSeconds(), dt);

        Map<String, QueueModel> queues = new LinkedHashMap<>();
        for (String q : arrivals.queueNames()) {
            queues.put(q, new QueueModel(q, model, dt, policy.standbyWorkers()));
        }
        int peakWorkers = queues.values().stream().mapToInt(QueueModel::workers).sum();
        long peakBacklog = 0;
        double peakAt = 0;
        Double drainedAt = null;

        for (long k = 0; k < steps; k++) {
            double t = k * dt;
            if (k % statsEvery == 0) {
                queues.values().forEach(m -> m.refreshObservation(t));
            }
            if (k % policyEvery == 0) {
                decide(policy, queues, t);
            }
            long backlog = 0;
            int workers = 0;
            // (k + 1) × dt, not t + dt: consecutive steps must tile time exactly, or a burst that
            // falls
            // on a step boundary would be counted twice by floating-point rounding.
            double next = (k + 1) * dt;
            double rate = serviceRate.applyAsDouble(t);
            for (QueueModel m : queues.values()) {
                m.step(k, t, dt, arrivals.arrivals(m.queue(), t, next), rate);
                backlog += m.backlog();
                workers += m.workers();
            }
            peakWorkers = Math.max(peakWorkers, workers);
            double end = next;
            if (backlog > peakBacklog) {
                peakBacklog = backlog;
                peakAt = end;
                drainedAt = null;
            } else if (drainedAt == null && peakBacklog > 0 && backlog <= peakBacklog * 0.01) {
                drainedAt = end;
            }
            if (listener != null) {
                listener.afterStep(end, views(queues));
            }
        }
        Double drainSeconds = null;
        if (drainedAt != null) {
            drainSeconds = drainedAt - peakAt;
        } else if (peakBacklog == 0) {
            drainSeconds = 0.0;
        }
        return result(policy.name(), queues, peakWorkers, peakBacklog, drainSeconds);
    }

    /**
     * The policy sees what the broker's statistics show now (ready messages counted now, if it
     * counts them), and its targets are actuated at once.
     */
    private static void decide(ScalingPolicy policy, Map<String, QueueModel> queues, double t) {
        Map<String, Observation> observations = new LinkedHashMap<>();
        Map<String, Integer> current = new LinkedHashMap<>();
        queues.forEach(
                (q, m) -> {
                    observations.put(
                            q, policy.countsReadyWhenDeciding() ? m.counted() : m.observed());
                    current.put(q, m.workers());
                });
        Map<String, Integer> targets = policy.decide(t, observations, current);
        Map<String, Integer> wanted = new LinkedHashMap<>();
        targets.forEach(
                (q, target) -> {
                    QueueModel m = queues.get(q);
                    if (m != null) {
                        wanted.put(q, m.standbyWanted(target, t));
                    }
                });
        // The pools share the local scaler's default memory budget, as they do on a real machine.
        Map<String, Integer> standby =
                StandbyMemory.allot(
                        wanted, StandbyMemory.DEFAULT_BUDGET_BYTES, VazaoPolicy.WORKER_RSS_BYTES);
        standby.forEach((q, keep) -> queues.get(q).actuate(targets.get(q), t, keep));
    }

    private static Map<String, QueueView> views(Map<String, QueueModel> queues) {
        Map<String, QueueView> views = new LinkedHashMap<>();
        queues.forEach(
                (q, m) ->
                        views.put(
                                q,
                                new QueueView(
                                        m.arrived(),
                                        m.processed(),
                                        m.backlog(),
                                        m.running(),
                                        m.starting())));
        return views;
    }

    private static long everySteps(double seconds, double dt) {
        return Math.max(1, Math.round(seconds / dt));
    }

    private PolicyResult result(
            String name,
            Map<String, QueueModel> queues,
            int peakWorkers,
            long peakBacklog,
            Double drainSeconds) {
        DelayHistogram all = new DelayHistogram(config.stepSeconds());
        Map<String, PolicyResult.QueueResult> perQueue = new LinkedHashMap<>();
        long arrived = 0;
        long processed = 0;
        long backlog = 0;
        double backlogSeconds = 0;
        double workerSeconds = 0;
        for (QueueModel m : queues.values()) {
            all.addAll(m.delays);
            arrived += m.arrived();
            processed += m.processed();
            backlog += m.backlog();
            backlogSeconds += m.backlogSeconds;
            workerSeconds += m.workerSeconds;
            perQueue.put(
                    m.queue(),
                    new PolicyResult.QueueResult(
                            m.arrived(),
                            m.processed(),
                            m.delays.mean(),
                            m.delays.quantile(0.99),
                            m.backlogSeconds,
                            m.workerSeconds,
                            m.peakWorkers));
        }
        return new PolicyResult(
                name,
                arrived,
                processed,
                backlog,
                all.mean(),
                all.quantile(0.99),
                backlogSeconds,
                workerSeconds,
                peakWorkers,
                peakBacklog,
                drainSeconds,
                perQueue);
    }
}
