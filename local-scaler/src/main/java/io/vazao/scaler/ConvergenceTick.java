package io.vazao.scaler;

import static io.vazao.scaler.Convergence.failed;
import static io.vazao.scaler.Convergence.owe;
import static io.vazao.scaler.Convergence.staleness;
import static io.vazao.scaler.Convergence.starting;

import io.vazao.contract.EventKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** One tick's working state; each step is one of the rules, applied in this order. */
final class ConvergenceTick {
    final Convergence.Input in;
    final ScalerConfig cfg;
    final long now;
    final List<Action> actions = new ArrayList<>();
    final Map<String, QueueState> queues;

    /** Live workers that stay, by queue. */
    final Map<String, List<WorkerView>> active = new TreeMap<>();

    /** Standby workers that stay, by queue; a promoted one leaves its list. */
    final Map<String, List<WorkerView>> standby = new TreeMap<>();

    /** Workers that may still start this tick (a JVM start; a promotion needs none). */
    int startSlots;

    final Map<String, Integer> actual = new TreeMap<>();
    final Map<String, Integer> deficit = new TreeMap<>();
    int alive;

    ConvergenceTick(Convergence.Input in) {
        this.in = in;
        this.cfg = in.config();
        this.now = in.now();
        this.queues = new TreeMap<>(in.queues());
    }

    /**
     * 1. Exited workers: forgotten; an exit nobody asked for is a failure that needs a replacement.
     */
    void reapExited() {
        for (WorkerView w : in.workers()) {
            if (w.alive()) {
                // Standby workers are outside the budget, which counts workers that consume.
                alive += w.standby() ? 0 : 1;
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
     * 3. Live workers that must go whatever the target: stale, too big, or asked to be recycled.
     */
    void stopUnfit() {
        for (WorkerView w : in.workers()) {
            if (w.alive() && !w.stopping() && w.standby()) {
                standby.computeIfAbsent(w.queue(), q -> new ArrayList<>()).add(w);
                continue;
            }
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
     * A worker that reached a heartbeat after the newest failure proves the queue healthy again.
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
     * 4. The surplus over the target stops; the deficit is noted for {@link #startWithinBudget}.
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
                                    "target " + target + " below " + running.size() + " workers"));
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

    /** 5. Starts, round-robin over the queues in deficit so that a scarce headroom is shared. */
    void startWithinBudget() {
        int headroom = cfg.budget() > 0 ? Math.max(0, cfg.budget() - alive) : Integer.MAX_VALUE;
        startSlots =
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
                if (promote(queue)) {
                    e.setValue(e.getValue() - 1);
                    headroom--;
                    progress = true;
                    continue;
                }
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
                actions.add(new Action.Start(queue, replaces, growth(queue, replaces, running)));
                actual.put(queue, running + 1);
                e.setValue(e.getValue() - 1);
                headroom--;
                progress = true;
            }
        }
    }

    /** Promotes one of the queue's standby workers, if it has one; also pays a replacement. */
    private boolean promote(String queue) {
        List<WorkerView> parked = standby.getOrDefault(queue, List.of());
        if (parked.isEmpty()) {
            return false;
        }
        WorkerView w = parked.remove(0);
        String replaces = nextOwed(queue);
        if (replaces != null) {
            takeOwed(queue);
        }
        int running = actual.get(queue);
        actions.add(new Action.Promote(w.workerId(), queue, growth(queue, replaces, running)));
        actual.put(queue, running + 1);
        return true;
    }

    /** Why the queue gets one more worker: a replacement, or a target above what runs. */
    private String growth(String queue, String replaces, int running) {
        return replaces != null
                ? "replaces " + replaces
                : "target "
                        + in.targets().getOrDefault(queue, 0)
                        + " above "
                        + running
                        + " workers";
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
                                qs.failures(), qs.lastFailureAt(), qs.nextStartAt(), List.of()));
            }
        }
    }
}
