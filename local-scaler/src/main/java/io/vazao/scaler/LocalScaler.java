package io.vazao.scaler;

import io.vazao.contract.EventKind;
import io.vazao.contract.ScalingEvent;
import io.vazao.contract.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The imperative shell around {@link Convergence}: reads targets, settings and heartbeats from
 * Redis, starts and signals real worker processes, and reports what it runs. If Redis is
 * unreachable it keeps the last targets and the processes it has; the policy service being gone
 * simply means the targets stop changing.
 */
public final class LocalScaler implements AutoCloseable {

    private final ScalerStore store;
    private final WorkerLauncher launcher;
    private final String keyPrefix;
    private final ScalerConfig baseConfig;
    private final Path pidFile;
    private final LongSupplier clock;
    private final String instance;
    private final AtomicLong sequence = new AtomicLong();

    private final Map<String, Managed> workers = new LinkedHashMap<>();
    private Map<String, QueueState> queues = new TreeMap<>();
    private Map<String, Integer> lastTargets = new TreeMap<>();
    private ScalerConfig config;
    private boolean redisUp = true;
    /** Redis came back without targets or generation marker: the last targets stay until new ones are published. */
    private boolean targetsLost;
    /** Heartbeats are trusted again only once every worker had the time to write one after an outage. */
    private long heartbeatsTrustedFrom;
    private final List<ScalingEvent> unsent = new ArrayList<>();
    private boolean closed;

    /** A worker process and what the scaler learnt about it. */
    private static final class Managed {
        final String workerId;
        final String queue;
        final Process process;
        final long startedAt;
        long stopRequestedAt;
        StopCause stopCause;
        boolean killed;
        Long lastSeen;
        long rssBytes;
        boolean recycleRequested;

        Managed(String workerId, String queue, Process process, long startedAt) {
            this.workerId = workerId;
            this.queue = queue;
            this.process = process;
            this.startedAt = startedAt;
        }

        WorkerView view() {
            boolean alive = process.isAlive();
            return new WorkerView(workerId, queue, startedAt, alive, alive ? null : process.exitValue(),
                    stopRequestedAt, killed, lastSeen, rssBytes, recycleRequested);
        }
    }

    public LocalScaler(ScalerStore store, WorkerLauncher launcher, String keyPrefix, ScalerConfig config,
                       Path pidFile, LongSupplier clock) {
        this.store = store;
        this.launcher = launcher;
        this.keyPrefix = keyPrefix;
        this.baseConfig = config;
        this.config = config;
        this.pidFile = pidFile;
        this.clock = clock;
        this.instance = Long.toString(ProcessHandle.current().pid(), 36) + Long.toString(System.nanoTime() & 0xfffff, 36);
    }

    /** One pass: read, decide, act, report. Never throws for Redis or process trouble. */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        Map<String, Integer> targets = lastTargets;
        boolean heartbeatsKnown = false;
        try {
            Map<String, Integer> published = store.targets();
            if (published == null && !lastTargets.isEmpty()) {
                if (!targetsLost) {
                    targetsLost = true;
                    Log.warn("targets.unpublished", "keeping", "last-targets", "targets", lastTargets);
                }
            } else {
                targetsLost = false;
                targets = published == null ? Map.of() : published;
            }
            Settings settings = store.settings();
            config = effective(settings);
            Map<String, ScalerStore.Liveness> live = store.liveness(new ArrayList<>(workers.keySet()));
            live.forEach((id, l) -> {
                Managed m = workers.get(id);
                if (m != null && (m.lastSeen == null || l.lastSeen() >= m.lastSeen)) {
                    m.lastSeen = l.lastSeen();
                    m.rssBytes = l.rssBytes();
                }
            });
            for (String id : store.recycleRequests()) {
                Managed m = workers.get(id);
                if (m != null) {
                    m.recycleRequested = true;
                }
            }
            if (!redisUp) {
                redisUp = true;
                heartbeatsTrustedFrom = now + config.heartbeatTimeoutMillis();
                Log.info("redis.reachable", "workers", workers.size());
            }
            heartbeatsKnown = now >= heartbeatsTrustedFrom;
            lastTargets = targets;
        } catch (RuntimeException e) {
            if (redisUp) {
                redisUp = false;
                Log.warn("redis.unreachable", "keeping", "last-targets", "workers", workers.size(),
                        "error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        List<WorkerView> views = new ArrayList<>();
        for (Managed m : workers.values()) {
            views.add(m.view());
        }
        Convergence.Plan plan = Convergence.plan(
                new Convergence.Input(now, targets, views, queues, heartbeatsKnown, config));
        queues = new TreeMap<>(plan.queues());
        List<ScalingEvent> events = new ArrayList<>();
        Map<String, Integer> counts = activeCounts();
        for (Action a : plan.actions()) {
            carryOut(a, now, counts, events);
        }
        report(activeCounts(), events);
    }

    private ScalerConfig effective(Settings settings) {
        if (settings == null) {
            return baseConfig;
        }
        ScalerConfig c = baseConfig.withBudget(settings.maxTotalWorkers());
        if (settings.heartbeatTimeoutMillis() > 0) {
            c = c.withHeartbeatTimeout(settings.heartbeatTimeoutMillis());
        }
        if (settings.maxMemoryPerWorkerBytes() > 0) {
            c = c.withMaxMemory(settings.maxMemoryPerWorkerBytes());
        }
        return c;
    }

    private void carryOut(Action action, long now, Map<String, Integer> counts, List<ScalingEvent> events) {
        if (action instanceof Action.Reap r) {
                Managed m = workers.remove(r.workerId());
                int n = counts.getOrDefault(r.queue(), 0);
                // A stopped worker left the count when it was signalled; one that died leaves it now.
                boolean wasCounted = m != null && m.stopRequestedAt == 0;
                Log.info("worker." + r.kind().wire(), "queue", r.queue(), "worker", r.workerId(),
                        "pid", m == null ? "?" : m.process.pid(), "reason", r.reason());
                events.add(event(now, r.queue(), r.kind(), wasCounted ? n + 1 : n, n, r.reason(), r.workerId()));
        } else if (action instanceof Action.Kill k) {
                Managed m = workers.get(k.workerId());
                if (m != null) {
                    m.process.destroyForcibly();
                    m.killed = true;
                    Log.warn("worker.kill", "queue", k.queue(), "worker", k.workerId(), "pid", m.process.pid(),
                            "reason", k.reason());
                }
        } else if (action instanceof Action.Stop s) {
                Managed m = workers.get(s.workerId());
                if (m != null) {
                    m.process.destroy();
                    m.stopRequestedAt = now;
                    m.stopCause = s.cause();
                    int n = counts.getOrDefault(s.queue(), 0);
                    counts.put(s.queue(), n - 1);
                    Log.info("worker.stop", "queue", s.queue(), "worker", s.workerId(), "pid", m.process.pid(),
                            "cause", s.cause().name().toLowerCase(), "reason", s.reason());
                    EventKind kind = switch (s.cause()) {
                        case RECYCLE_MEMORY, RECYCLE_REQUESTED -> EventKind.RECYCLED;
                        case STALE -> EventKind.CRASHED;
                        default -> null;
                    };
                    if (kind != null) {
                        events.add(event(now, s.queue(), kind, n, n - 1, s.reason(), s.workerId()));
                    }
                }
        } else if (action instanceof Action.Start st) {
                String id = st.queue() + "-" + instance + "-" + sequence.incrementAndGet();
                int n = counts.getOrDefault(st.queue(), 0);
                try {
                    Process p = launcher.start(st.queue(), id, keyPrefix);
                    workers.put(id, new Managed(id, st.queue(), p, now));
                    counts.put(st.queue(), n + 1);
                    EventKind kind = st.replaces() == null ? EventKind.STARTED : EventKind.REPLACED;
                    Log.info("worker." + kind.wire(), "queue", st.queue(), "worker", id, "pid", p.pid(),
                            "reason", st.reason());
                    events.add(event(now, st.queue(), kind, n, n + 1, st.reason(), id));
                } catch (IOException | RuntimeException e) {
                    // Counted as a failure so a launcher that cannot start anything is retried with back-off.
                    QueueState qs = queues.getOrDefault(st.queue(), QueueState.FRESH);
                    int failures = qs.failures() + 1;
                    queues.put(st.queue(), new QueueState(failures, now, now + Math.max(1_000, config.backoffMillis(failures)), qs.owed()));
                    Log.warn("worker.start-failed", "queue", st.queue(), "error", e.getMessage());
                }
        }
    }

    private static ScalingEvent event(long now, String queue, EventKind kind, int from, int to, String reason, String workerId) {
        return new ScalingEvent(now, queue, kind, from, to, reason, 0, 0, to, workerId);
    }

    private Map<String, Integer> activeCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String q : lastTargets.keySet()) {
            counts.put(q, 0);
        }
        for (Managed m : workers.values()) {
            counts.merge(m.queue, m.process.isAlive() && m.stopRequestedAt == 0 ? 1 : 0, Integer::sum);
        }
        return counts;
    }

    private void report(Map<String, Integer> actual, List<ScalingEvent> events) {
        writePidFile();
        unsent.addAll(events);
        if (!redisUp) {
            // Bounded: an outage must not grow the scaler's memory without limit.
            while (unsent.size() > 1_000) {
                unsent.remove(0);
            }
            return;
        }
        try {
            store.appendEvents(unsent);
            unsent.clear();
            // Written every tick: cheap, and it heals a Redis that lost its data.
            store.writeActual(actual);
        } catch (RuntimeException e) {
            redisUp = false;
            Log.warn("redis.unreachable", "keeping", "last-targets", "workers", workers.size(),
                    "error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void writePidFile() {
        if (pidFile == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Managed m : workers.values()) {
            if (m.process.isAlive()) {
                sb.append(m.process.pid()).append(' ').append(m.workerId)
                        .append(m.stopRequestedAt > 0 ? " stopping" : "").append('\n');
            }
        }
        try {
            Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
            Files.writeString(tmp, sb.toString());
            Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.warn("pidfile.unwritable", "path", pidFile, "error", e.getMessage());
        }
    }

    /** PIDs of the worker processes alive now. */
    public synchronized Map<String, Long> pids() {
        Map<String, Long> out = new TreeMap<>();
        workers.values().stream().filter(m -> m.process.isAlive()).forEach(m -> out.put(m.workerId, m.process.pid()));
        return out;
    }

    /** Process handles of the workers, for callers that must make sure none outlives them. */
    public synchronized List<ProcessHandle> handles() {
        return workers.values().stream().map(m -> m.process.toHandle()).toList();
    }

    /**
     * Stops every worker gracefully (SIGTERM, then SIGKILL after the shutdown timeout), reports them
     * stopped and the actual counts as zero. Idempotent.
     */
    @Override
    public void close() {
        List<Managed> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(workers.values());
        }
        long now = clock.getAsLong();
        for (Managed m : all) {
            if (m.process.isAlive() && m.stopRequestedAt == 0) {
                m.process.destroy();
                m.stopRequestedAt = now;
                m.stopCause = StopCause.SHUTDOWN;
            }
        }
        Log.info("scaler.stopping", "workers", all.size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMillis());
        for (Managed m : all) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !m.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    m.process.destroyForcibly();
                    m.killed = true;
                    m.process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                m.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        List<ScalingEvent> events = new ArrayList<>();
        Map<String, Integer> zero = new TreeMap<>();
        long at = clock.getAsLong();
        Map<String, Integer> counts = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Managed m : all) {
            counts.merge(m.queue, 1, Integer::sum);
            seen.add(m.queue);
        }
        for (Managed m : all) {
            int n = counts.get(m.queue);
            counts.put(m.queue, n - 1);
            events.add(event(at, m.queue, EventKind.STOPPED, n, n - 1,
                    "scaler shutdown; exited with code " + (m.process.isAlive() ? "?" : m.process.exitValue())
                            + (m.killed ? " after SIGKILL" : ""), m.workerId));
            Log.info("worker.stopped", "queue", m.queue, "worker", m.workerId, "pid", m.process.pid(), "reason", "scaler shutdown");
        }
        for (String q : lastTargets.keySet()) {
            zero.put(q, 0);
        }
        seen.forEach(q -> zero.put(q, 0));
        synchronized (this) {
            workers.clear();
        }
        writePidFile();
        try {
            unsent.addAll(events);
            store.appendEvents(unsent);
            unsent.clear();
            store.writeActual(zero);
        } catch (RuntimeException e) {
            Log.warn("redis.unreachable", "at", "shutdown", "error", e.getMessage());
        }
        Log.info("scaler.stopped");
    }
}
