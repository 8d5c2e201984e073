package io.vazao.simulator;

import io.vazao.engine.StandbyDemand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One queue and its workers in the simulation: a FIFO of arrival cohorts, running workers, workers
 * still starting, and the accounting. Whole messages only, so that conservation holds exactly.
 */
final class QueueModel {

    private final String queue;
    private final WorkerModel model;
    private final Deque<long[]> cohorts = new ArrayDeque<>(); // {arrival step, messages}
    private final List<Double> startingReadyAt = new ArrayList<>();

    /**
     * From the decision to a consuming worker when a standby one is promoted: the local scaler's
     * next tick (500 ms at most) and a subscription.
     */
    static final double PROMOTION_SECONDS = 0.5;

    private final int standby;
    private StandbyDemand demand = StandbyDemand.startingAt(0);
    private int standbyReady;
    private final List<Double> standbyReadyAt = new ArrayList<>();
    final DelayHistogram delays;

    private double arrivalCarry;
    private double serviceCarry;
    private long arrived;
    private long processed;
    private long backlog;
    private int running;
    private long arrivedAtRefresh;
    private long processedAtRefresh;
    private double refreshedAt;
    private Observation observed;
    double backlogSeconds;
    double workerSeconds;
    int peakWorkers;

    QueueModel(String queue, WorkerModel model, double stepSeconds) {
        this(queue, model, stepSeconds, 0);
    }

    /** With {@code standby} warm workers, ready at t = 0 as on a system that has been up. */
    QueueModel(String queue, WorkerModel model, double stepSeconds, int standby) {
        this.standby = standby;
        this.standbyReady = standby;
        this.queue = queue;
        this.model = model;
        this.running = model.initialWorkers();
        this.delays = new DelayHistogram(stepSeconds);
        this.peakWorkers = running;
        this.observed = observeNow(0, 0);
    }

    String queue() {
        return queue;
    }

    /**
     * Takes the management API's sample of this queue; rates are averaged since the last sample.
     */
    void refreshObservation(double t) {
        double window = t - refreshedAt;
        double publishRate = window > 0 ? (arrived - arrivedAtRefresh) / window : 0;
        double ackRate = window > 0 ? (processed - processedAtRefresh) / window : 0;
        observed = observeNow(publishRate, ackRate);
        arrivedAtRefresh = arrived;
        processedAtRefresh = processed;
        refreshedAt = t;
    }

    private Observation observeNow(double publishRate, double ackRate) {
        long unacked = Math.min(backlog, (long) running * model.prefetch());
        return new Observation(
                backlog - unacked, unacked, publishRate, ackRate, running, startingReadyAt.size());
    }

    Observation observed() {
        return observed;
    }

    /** The last statistics sample with ready and consumers counted now (a passive declare). */
    Observation counted() {
        return observed.withCounts(observeNow(0, 0));
    }

    int workers() {
        return running + startingReadyAt.size();
    }

    int running() {
        return running;
    }

    int starting() {
        return startingReadyAt.size();
    }

    /** Standby workers, ready or starting. */
    int standby() {
        return standbyReady + standbyReadyAt.size();
    }

    /**
     * The standby workers this queue's pool wants after a decision for {@code target}, as the local
     * scaler sizes its pool ({@link StandbyDemand}): the scale-up is remembered.
     */
    int standbyWanted(int target, double t) {
        long now = Math.round(t * 1000);
        demand = demand.record(now, clamp(target) - workers());
        return demand.wanted(now, standby);
    }

    /**
     * Converges on a target with the pool this queue may keep: {@link #actuate(int, double, int)}.
     */
    void actuate(int target, double t) {
        actuate(target, t, standbyWanted(target, t));
    }

    /**
     * Converges the worker count on a target: standby workers are promoted first, new workers start
     * for the rest, surplus ones stop (starting ones first); then the standby pool is refilled to
     * {@code keepStandby} (each one pays the start-up) or shrunk to it.
     */
    void actuate(int target, double t, int keepStandby) {
        int wanted = clamp(target);
        while (workers() < wanted) {
            if (standbyReady > 0) {
                standbyReady--;
                startingReadyAt.add(t + PROMOTION_SECONDS);
            } else {
                startingReadyAt.add(t + model.startupSeconds());
            }
        }
        while (standbyReady + standbyReadyAt.size() < keepStandby) {
            standbyReadyAt.add(t + model.startupSeconds());
        }
        while (standbyReady + standbyReadyAt.size() > keepStandby) {
            if (!standbyReadyAt.isEmpty()) {
                standbyReadyAt.remove(standbyReadyAt.size() - 1);
            } else {
                standbyReady--;
            }
        }
        while (workers() > wanted) {
            if (!startingReadyAt.isEmpty()) {
                startingReadyAt.remove(startingReadyAt.size() - 1);
            } else {
                running--;
            }
        }
    }

    private int clamp(int target) {
        return Math.max(0, Math.min(model.maxWorkers(), target));
    }

    /**
     * Advances one step {@code [t, t + dt)}: start-ups complete, messages arrive, workers process,
     * each at {@code serviceRate} messages/s.
     */
    void step(long stepIndex, double t, double dt, double arrivalsInStep, double serviceRate) {
        startingReadyAt.removeIf(
                readyAt -> {
                    if (readyAt <= t + 1e-9) {
                        running++;
                        return true;
                    }
                    return false;
                });

        standbyReadyAt.removeIf(
                readyAt -> {
                    if (readyAt <= t + 1e-9) {
                        standbyReady++;
                        return true;
                    }
                    return false;
                });

        double due = arrivalsInStep + arrivalCarry;
        long n = (long) Math.floor(due + 1e-9);
        arrivalCarry = Math.max(0, due - n);
        if (n > 0) {
            cohorts.addLast(new long[] {stepIndex, n});
            arrived += n;
            backlog += n;
        }

        double capacity = running * serviceRate * dt + serviceCarry;
        long whole = (long) Math.floor(capacity + 1e-9);
        long served = Math.min(backlog, whole);
        serviceCarry = served < whole ? 0 : Math.max(0, capacity - whole);
        long left = served;
        while (left > 0) {
            long[] head = cohorts.peekFirst();
            long take = Math.min(left, head[1]);
            delays.record((stepIndex - head[0]) * dt, take);
            head[1] -= take;
            left -= take;
            if (head[1] == 0) {
                cohorts.removeFirst();
            }
        }
        processed += served;
        backlog -= served;

        backlogSeconds += backlog * dt;
        // A standby worker is a running process: it costs what a consuming one does.
        workerSeconds += (workers() + standbyReady + standbyReadyAt.size()) * dt;
        peakWorkers = Math.max(peakWorkers, workers());
    }

    long arrived() {
        return arrived;
    }

    long processed() {
        return processed;
    }

    long backlog() {
        return backlog;
    }
}
