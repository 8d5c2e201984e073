package io.vazao.scaler;

import io.vazao.contract.EventKind;
import io.vazao.contract.ScalingEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries out {@link Convergence}'s actions on real processes: reaps, SIGKILLs, SIGTERMs and starts
 * workers, logs each, and adds the lifecycle events they make. {@code counts} is each queue's
 * number of running, not-stopping workers, kept current as the actions go, for the events' from/to.
 */
final class ActionRunner {

    private final Map<String, ManagedWorker> workers;
    private final WorkerLauncher launcher;
    private final String keyPrefix;
    private final String instance;
    private final AtomicLong sequence = new AtomicLong();

    ActionRunner(Map<String, ManagedWorker> workers, WorkerLauncher launcher, String keyPrefix) {
        this.workers = workers;
        this.launcher = launcher;
        this.keyPrefix = keyPrefix;
        // Worker ids stay unique across scaler restarts on one machine: pid and a clock fragment.
        this.instance =
                Long.toString(ProcessHandle.current().pid(), 36)
                        + Long.toString(System.nanoTime() & 0xfffff, 36);
    }

    /** Returns false for a start that failed (the caller backs off); true otherwise. */
    boolean run(Action action, long now, Map<String, Integer> counts, List<ScalingEvent> events) {
        if (action instanceof Action.Reap r) {
            reap(r, now, counts, events);
        } else if (action instanceof Action.Kill k) {
            kill(k);
        } else if (action instanceof Action.Stop s) {
            stop(s, now, counts, events);
        } else if (action instanceof Action.Start st) {
            return start(st, now, counts, events);
        } else if (action instanceof Action.StartStandby sb) {
            return startStandby(sb, now);
        } else if (action instanceof Action.Promote pr) {
            promote(pr, now, counts, events);
        }
        return true;
    }

    private boolean startStandby(Action.StartStandby sb, long now) {
        String id = sb.queue() + "-" + instance + "-" + sequence.incrementAndGet();
        try {
            Process p = launcher.start(sb.queue(), id, keyPrefix, true);
            ManagedWorker m = new ManagedWorker(id, sb.queue(), p, now);
            m.standby = true;
            workers.put(id, m);
            Log.info(
                    "worker.standby",
                    "queue",
                    sb.queue(),
                    "worker",
                    id,
                    "pid",
                    p.pid(),
                    "reason",
                    sb.reason());
            return true;
        } catch (IOException | RuntimeException e) {
            Log.warn("worker.start-failed", "queue", sb.queue(), "error", e.getMessage());
            return false;
        }
    }

    /**
     * A line on its standard input and the worker consumes; it counts from now on, and its start-up
     * time (until its first heartbeat) runs from now. One whose pipe is gone is dead: the next tick
     * reaps it.
     */
    private void promote(
            Action.Promote pr, long now, Map<String, Integer> counts, List<ScalingEvent> events) {
        ManagedWorker m = workers.get(pr.workerId());
        if (m == null) {
            return;
        }
        try {
            OutputStream in = m.process.getOutputStream();
            in.write(WorkerLauncher.PROMOTE_LINE.getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            Log.warn(
                    "worker.promote-failed",
                    "queue",
                    pr.queue(),
                    "worker",
                    pr.workerId(),
                    "error",
                    e.getMessage());
            return;
        }
        m.standby = false;
        m.startedAt = now;
        int n = counts.getOrDefault(pr.queue(), 0);
        counts.put(pr.queue(), n + 1);
        String reason = "promoted from standby: " + pr.reason();
        Log.info(
                "worker.promoted",
                "queue",
                pr.queue(),
                "worker",
                pr.workerId(),
                "pid",
                m.process.pid(),
                "reason",
                pr.reason());
        events.add(event(now, pr.queue(), EventKind.STARTED, n, n + 1, reason, pr.workerId()));
    }

    private void reap(
            Action.Reap r, long now, Map<String, Integer> counts, List<ScalingEvent> events) {
        ManagedWorker m = workers.remove(r.workerId());
        int n = counts.getOrDefault(r.queue(), 0);
        // A stopped worker left the count when it was signalled; one that died leaves it now.
        boolean wasCounted = m != null && m.stopRequestedAt == 0 && !m.standby;
        Object pid = m == null ? "?" : m.process.pid();
        Log.info(
                "worker." + r.kind().wire(),
                "queue",
                r.queue(),
                "worker",
                r.workerId(),
                "pid",
                pid,
                "reason",
                r.reason());
        events.add(
                event(
                        now,
                        r.queue(),
                        r.kind(),
                        wasCounted ? n + 1 : n,
                        n,
                        r.reason(),
                        r.workerId()));
    }

    private void kill(Action.Kill k) {
        ManagedWorker m = workers.get(k.workerId());
        if (m != null) {
            m.process.destroyForcibly();
            m.killed = true;
            Log.warn(
                    "worker.kill",
                    "queue",
                    k.queue(),
                    "worker",
                    k.workerId(),
                    "pid",
                    m.process.pid(),
                    "reason",
                    k.reason());
        }
    }

    private void stop(
            Action.Stop s, long now, Map<String, Integer> counts, List<ScalingEvent> events) {
        ManagedWorker m = workers.get(s.workerId());
        if (m == null) {
            return;
        }
        m.process.destroy();
        m.stopRequestedAt = now;
        m.stopCause = s.cause();
        int n = counts.getOrDefault(s.queue(), 0);
        if (!m.standby) {
            counts.put(s.queue(), n - 1);
        }
        Log.info(
                "worker.stop",
                "queue",
                s.queue(),
                "worker",
                s.workerId(),
                "pid",
                m.process.pid(),
                "cause",
                s.cause().name().toLowerCase(Locale.ROOT),
                "reason",
                s.reason());
        if (m.standby) {
            return;
        }
        EventKind kind =
                switch (s.cause()) {
                    case RECYCLE_MEMORY, RECYCLE_REQUESTED -> EventKind.RECYCLED;
                    case STALE -> EventKind.CRASHED;
                    default -> null;
                };
        if (kind != null) {
            events.add(event(now, s.queue(), kind, n, n - 1, s.reason(), s.workerId()));
        }
    }

    private boolean start(
            Action.Start st, long now, Map<String, Integer> counts, List<ScalingEvent> events) {
        String id = st.queue() + "-" + instance + "-" + sequence.incrementAndGet();
        int n = counts.getOrDefault(st.queue(), 0);
        try {
            Process p = launcher.start(st.queue(), id, keyPrefix);
            workers.put(id, new ManagedWorker(id, st.queue(), p, now));
            counts.put(st.queue(), n + 1);
            EventKind kind = st.replaces() == null ? EventKind.STARTED : EventKind.REPLACED;
            Log.info(
                    "worker." + kind.wire(),
                    "queue",
                    st.queue(),
                    "worker",
                    id,
                    "pid",
                    p.pid(),
                    "reason",
                    st.reason());
            events.add(event(now, st.queue(), kind, n, n + 1, st.reason(), id));
            return true;
        } catch (IOException | RuntimeException e) {
            Log.warn("worker.start-failed", "queue", st.queue(), "error", e.getMessage());
            return false;
        }
    }

    static ScalingEvent event(
            long now,
            String queue,
            EventKind kind,
            int from,
            int to,
            String reason,
            String workerId) {
        return new ScalingEvent(now, queue, kind, from, to, reason, 0, 0, to, workerId);
    }
}
