package io.vazao.scaler;

import io.vazao.contract.EventKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
     */
    public record Input(
            long now,
            Map<String, Integer> targets,
            List<WorkerView> workers,
            Map<String, QueueState> queues,
            boolean heartbeatsKnown,
            ScalerConfig config) {}

    /**
     * The outcome of one tick.
     *
     * @param actions in the order to carry them out: reaps, kills, stops, starts
     * @param queues restart bookkeeping for the next tick
     * @param actual queue → worker processes running and not stopping once the actions are done
     */
    public record Plan(
            List<Action> actions, Map<String, QueueState> queues, Map<String, Integer> actual) {}

    public static Plan plan(Input in) {
        Tick t = new Tick(in);
        t.reapExited();
        t.killLateDrains();
        t.stopUnfit();
        t.clearRecoveredQueues();
        t.matchTargets();
        t.startWithinBudget();
        t.forgetUnneededReplacements();
        return new Plan(order(t.actions), t.queues, t.actual);
    }

    /** One tick's working state; each step is one of the rules, applied in this order. */
    private static final class Tick {
        final Input in;
        final ScalerConfig cfg;
        final long now;
        final List<Action> actions = new ArrayList<>();
        final Map<String, QueueState> queues;

        /** Live workers that stay, by queue. */
        final Map<String, List<WorkerView>> active = new TreeMap<>();

        final Map<String, Integer> actual = new TreeMap<>();
        final Map<String, Integer> deficit = new TreeMap<>();
        int alive;

        Tick(Input in) {
            this.in = in;
            this.cfg = in.config();
            this.now = in.now();
            this.queues = new TreeMap<>(in.queues());
        }

        /**
         * 1. Exited workers: forgotten; an exit nobody asked for is a failure that needs a
         * replacement.
         */
        void reapExited() {
            for (WorkerView w : in.workers()) {
                if (w.alive()) {
                    alive++;
                } else if (w.stopping()) {
                    actions.add(
                            new Action.Reap(
                                    w.workerId(),
                                    w.queue(),
                                    EventKind.STOPPED,
                                    "exited with code "
                                            + w.exitCode()
                                            + " after SIGTERM"
                                            + (w.killed() ? " and SIGKILL" : "")));
                } else {
                    boolean clean = w.exitCode() != null && w.exitCode() == 0;
                    actions.add(
                            new Action.Reap(
                                    w.workerId(),
                                    w.queue(),
                                    clean ? EventKind.STOPPED : EventKind.CRASHED,
                                    "exited on its own with code " + w.exitCode()));
                    queues.put(w.queue(), failed(queues.get(w.queue()), w.workerId(), now, cfg));
                }
            }
        }

        /** 2. Workers that did not drain in time. */
        void killLateDrains() {
            for (WorkerView w : in.workers()) {
                if (w.alive()
                        && w.stopping()
                        && !w.killed()
                        && now - w.stopRequestedAt() > cfg.shutdownTimeoutMillis()) {
                    actions.add(
                            new Action.Kill(
                                    w.workerId(),
                                    w.queue(),
                                    "still running "
                                            + (now - w.stopRequestedAt())
                                            + " ms after SIGTERM"));
                }
            }
        }

        /**
         * 3. Live workers that must go whatever the target: stale, too big, or asked to be
         * recycled.
         */
        void stopUnfit() {
            for (WorkerView w : in.workers()) {
                if (!w.active()) {
                    continue;
                }
                String stale = in.heartbeatsKnown() ? staleness(w, now, cfg) : null;
                if (stale != null) {
                    actions.add(new Action.Stop(w.workerId(), w.queue(), StopCause.STALE, stale));
                    queues.put(w.queue(), failed(queues.get(w.queue()), w.workerId(), now, cfg));
                } else if (cfg.maxMemoryBytes() > 0 && w.rssBytes() > cfg.maxMemoryBytes()) {
                    actions.add(
                            new Action.Stop(
                                    w.workerId(),
                                    w.queue(),
                                    StopCause.RECYCLE_MEMORY,
                                    "rss "
                                            + w.rssBytes()
                                            + " bytes above the limit "
                                            + cfg.maxMemoryBytes()));
                    queues.put(w.queue(), owe(queues.get(w.queue()), w.workerId()));
                } else if (w.recycleRequested()) {
                    actions.add(
                            new Action.Stop(
                                    w.workerId(),
                                    w.queue(),
                                    StopCause.RECYCLE_REQUESTED,
                                    "recycle requested by the policy"));
                    queues.put(w.queue(), owe(queues.get(w.queue()), w.workerId()));
                } else {
                    active.computeIfAbsent(w.queue(), q -> new ArrayList<>()).add(w);
                }
            }
        }

        /**
         * A worker that reached a heartbeat after the newest failure proves the queue healthy
         * again.
         */
        void clearRecoveredQueues() {
            for (WorkerView w : in.workers()) {
                QueueState qs = queues.get(w.queue());
                if (qs != null
                        && qs.failures() > 0
                        && w.active()
                        && w.lastSeen() != null
                        && w.startedAt() >= qs.lastFailureAt()) {
                    queues.put(w.queue(), new QueueState(0, qs.lastFailureAt(), 0, qs.owed()));
                }
            }
        }

        /**
         * 4. The surplus over the target stops; the deficit is noted for {@link
         * #startWithinBudget}.
         */
        void matchTargets() {
            TreeSet<String> all = new TreeSet<>(in.targets().keySet());
            all.addAll(active.keySet());
            for (String queue : all) {
                List<WorkerView> running = active.getOrDefault(queue, List.of());
                int target = Math.max(0, in.targets().getOrDefault(queue, 0));
                if (running.size() > target) {
                    List<WorkerView> victims = new ArrayList<>(running);
                    // Workers still starting hold no messages: they go first; then the youngest.
                    victims.sort(
                            Comparator.comparing((WorkerView w) -> w.lastSeen() != null)
                                    .thenComparing(WorkerView::startedAt, Comparator.reverseOrder())
                                    .thenComparing(WorkerView::workerId));
                    for (WorkerView w : victims.subList(0, running.size() - target)) {
                        actions.add(
                                new Action.Stop(
                                        w.workerId(),
                                        queue,
                                        StopCause.SCALE_DOWN,
                                        "target "
                                                + target
                                                + " below "
                                                + running.size()
                                                + " workers"));
                    }
                    actual.put(queue, target);
                } else {
                    actual.put(queue, running.size());
                    QueueState qs = queues.getOrDefault(queue, QueueState.FRESH);
                    if (running.size() < target && now >= qs.nextStartAt()) {
                        deficit.put(queue, target - running.size());
                    }
                }
            }
        }

        /**
         * 5. Starts, round-robin over the queues in deficit so that a scarce headroom is shared.
         */
        void startWithinBudget() {
            int headroom = cfg.budget() > 0 ? Math.max(0, cfg.budget() - alive) : Integer.MAX_VALUE;
            int startSlots =
                    cfg.maxStarting() > 0
                            ? Math.max(0, cfg.maxStarting() - starting(in.workers()))
                            : Integer.MAX_VALUE;
            boolean progress = true;
            while (headroom > 0 && progress) {
                progress = false;
                for (Map.Entry<String, Integer> e : deficit.entrySet()) {
                    if (headroom == 0 || e.getValue() == 0) {
                        continue;
                    }
                    String queue = e.getKey();
                    String replaces = nextOwed(queue);
                    // A replacement restores what was running; only growth waits for a start slot.
                    if (replaces == null && startSlots == 0) {
                        continue;
                    }
                    if (replaces == null) {
                        startSlots--;
                    } else {
                        takeOwed(queue);
                    }
                    int running = actual.get(queue);
                    actions.add(
                            new Action.Start(
                                    queue,
                                    replaces,
                                    replaces != null
                                            ? "replaces " + replaces
                                            : "target "
                                                    + in.targets().getOrDefault(queue, 0)
                                                    + " above "
                                                    + running
                                                    + " workers"));
                    actual.put(queue, running + 1);
                    e.setValue(e.getValue() - 1);
                    headroom--;
                    progress = true;
                }
            }
        }

        private String nextOwed(String queue) {
            List<String> owed = queues.getOrDefault(queue, QueueState.FRESH).owed();
            return owed.isEmpty() ? null : owed.get(0);
        }

        private void takeOwed(String queue) {
            QueueState qs = queues.get(queue);
            queues.put(
                    queue,
                    new QueueState(
                            qs.failures(),
                            qs.lastFailureAt(),
                            qs.nextStartAt(),
                            qs.owed().subList(1, qs.owed().size())));
        }

        /** Replacements not needed any more (the target fell meanwhile) are no longer owed. */
        void forgetUnneededReplacements() {
            for (String queue : new ArrayList<>(queues.keySet())) {
                QueueState qs = queues.get(queue);
                int target = in.targets().getOrDefault(queue, 0);
                if (!qs.owed().isEmpty() && actual.getOrDefault(queue, 0) >= target) {
                    queues.put(
                            queue,
                            new QueueState(
                                    qs.failures(),
                                    qs.lastFailureAt(),
                                    qs.nextStartAt(),
                                    List.of()));
                }
            }
        }
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

    private static QueueState failed(QueueState qs, String workerId, long now, ScalerConfig cfg) {
        QueueState q = qs == null ? QueueState.FRESH : qs;
        int failures = q.failures() + 1;
        List<String> owed = new ArrayList<>(q.owed());
        owed.add(workerId);
        return new QueueState(failures, now, now + cfg.backoffMillis(failures), owed);
    }

    private static QueueState owe(QueueState qs, String workerId) {
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
        rank.put(Action.Start.class, 3);
        List<Action> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparing(a -> rank.get(a.getClass())));
        return sorted;
    }
}
