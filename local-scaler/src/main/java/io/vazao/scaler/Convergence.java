package io.vazao.scaler;

import io.vazao.engine.StandbyDemand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local scaler's rules as a pure function: what it knows about its workers and the targets →
 * the actions that make the number of worker processes per queue equal to the target. No clock, no
 * processes, no Redis: the shell gathers the inputs and carries out the actions.
 */
public final class Convergence {

    private Convergence() {}

    /**
     * The inputs of one tick.
     *
     * @param now epoch ms
     * @param targets queue → target workers (the last known ones if Redis is unreachable)
     * @param workers every worker process the scaler has not forgotten yet
     * @param queues restart bookkeeping per queue from the previous tick
     * @param heartbeatsKnown heartbeats can be trusted this tick (Redis answered, and for long
     *     enough after an outage for every worker to have written one)
     * @param config the rules' knobs
     * @param standby queue → standby workers its policy asks for; other queues take {@link
     *     ScalerConfig#standbyPerQueue}
     * @param demand queue → its recent scale-ups, from the previous tick's plan
     */
    public record Input(
            long now,
            Map<String, Integer> targets,
            List<WorkerView> workers,
            Map<String, QueueState> queues,
            boolean heartbeatsKnown,
            ScalerConfig config,
            Map<String, Integer> standby,
            Map<String, StandbyDemand> demand) {

        /** Every queue with the scaler's own number of standby workers. */
        public Input(
                long now,
                Map<String, Integer> targets,
                List<WorkerView> workers,
                Map<String, QueueState> queues,
                boolean heartbeatsKnown,
                ScalerConfig config) {
            this(now, targets, workers, queues, heartbeatsKnown, config, Map.of(), Map.of());
        }

        /** The standby workers {@code queue} keeps. */
        int standbyFor(String queue) {
            return standby.getOrDefault(queue, config.standbyPerQueue());
        }
    }

    /**
     * The outcome of one tick.
     *
     * @param actions in the order to carry them out: reaps, kills, stops, promotions, starts,
     *     standby starts
     * @param queues restart bookkeeping for the next tick
     * @param actual queue → worker processes running and not stopping once the actions are done
     * @param demand queue → its recent scale-ups, for the next tick's input
     */
    public record Plan(
            List<Action> actions,
            Map<String, QueueState> queues,
            Map<String, Integer> actual,
            Map<String, StandbyDemand> demand) {}

    public static Plan plan(Input in) {
        ConvergenceTick t = new ConvergenceTick(in);
        t.reapExited();
        t.killLateDrains();
        t.stopUnfit();
        t.clearRecoveredQueues();
        t.matchTargets();
        t.startWithinBudget();
        t.forgetUnneededReplacements();
        Map<String, StandbyDemand> demand = StandbyPool.keep(t);
        return new Plan(order(t.actions), t.queues, t.actual, demand);
    }

    /**
     * Workers started and not yet heartbeating (still in their JVM start-up), not asked to stop.
     */
    static int starting(List<WorkerView> workers) {
        int n = 0;
        for (WorkerView w : workers) {
            if (w.active() && w.lastSeen() == null) {
                n++;
            }
        }
        return n;
    }

    /**
     * Why a worker counts as stale, or null when it is healthy (or still within its start-up time).
     */
    static String staleness(WorkerView w, long now, ScalerConfig cfg) {
        if (w.lastSeen() == null) {
            long age = now - w.startedAt();
            return age > cfg.startupTimeoutMillis()
                    ? "no heartbeat " + age + " ms after start"
                    : null;
        }
        long age = now - w.lastSeen();
        return age > cfg.heartbeatTimeoutMillis() ? "heartbeat stale for " + age + " ms" : null;
    }

    static QueueState failed(QueueState qs, String workerId, long now, ScalerConfig cfg) {
        QueueState q = qs == null ? QueueState.FRESH : qs;
        int failures = q.failures() + 1;
        List<String> owed = new ArrayList<>(q.owed());
        owed.add(workerId);
        return new QueueState(failures, now, now + cfg.backoffMillis(failures), owed);
    }

    static QueueState owe(QueueState qs, String workerId) {
        QueueState q = qs == null ? QueueState.FRESH : qs;
        List<String> owed = new ArrayList<>(q.owed());
        owed.add(workerId);
        return new QueueState(q.failures(), q.lastFailureAt(), q.nextStartAt(), owed);
    }

    private static List<Action> order(List<Action> actions) {
        Map<Class<?>, Integer> rank = new HashMap<>();
        rank.put(Action.Reap.class, 0);
        rank.put(Action.Kill.class, 1);
        rank.put(Action.Stop.class, 2);
        rank.put(Action.Promote.class, 3);
        rank.put(Action.Start.class, 4);
        rank.put(Action.StartStandby.class, 5);
        List<Action> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparing(a -> rank.get(a.getClass())));
        return sorted;
    }
}
