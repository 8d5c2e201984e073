package io.vazao.scaler;

import io.vazao.contract.ScalingEvent;
import io.vazao.contract.TargetFreshness;
import io.vazao.engine.StandbyDemand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The imperative shell around {@link Convergence}: reads targets, settings and heartbeats from
 * Redis, starts and signals real worker processes, and reports what it runs. If Redis is
 * unreachable it keeps the last targets and the processes it has; the policy service being gone
 * simply means the targets stop changing.
 */
public final class LocalScaler implements AutoCloseable {

    private final ScalerStore store;
    private final ScalerConfig baseConfig;
    private final PidFile pidFile;
    private final LongSupplier clock;
    private final ActionRunner actions;

    private final Map<String, ManagedWorker> workers = new LinkedHashMap<>();
    private Map<String, QueueState> queues = new TreeMap<>();
    private Map<String, Integer> lastTargets = new TreeMap<>();

    /** queue → standby workers its policy asks for, as last read. */
    private Map<String, Integer> standby = Map.of();

    /** queue → its recent scale-ups, which size its standby pool. */
    private Map<String, StandbyDemand> demand = Map.of();

    private ScalerConfig config;
    private boolean redisUp = true;

    /**
     * Redis came back without targets or generation marker: the last targets stay until new ones
     * are published.
     */
    private boolean targetsLost;

    /** The targets' write counter stood still too long: the policy service stalled or is down. */
    private final TargetFreshness freshness =
            new TargetFreshness(Duration.parse(TargetFreshness.DEFAULT_STALE_AFTER).toMillis());

    /**
     * Heartbeats are trusted again only once every worker had the time to write one after an
     * outage.
     */
    private long heartbeatsTrustedFrom;

    private final List<ScalingEvent> unsent = new ArrayList<>();
    private boolean closed;

    public LocalScaler(
            ScalerStore store,
            WorkerLauncher launcher,
            String keyPrefix,
            ScalerConfig config,
            Path pidFile,
            LongSupplier clock) {
        this.store = store;
        this.baseConfig = config;
        this.config = config;
        this.pidFile = new PidFile(pidFile);
        this.clock = clock;
        this.actions = new ActionRunner(workers, launcher, keyPrefix);
    }

    /** One pass: read, decide, act, report. Never throws for Redis or process trouble. */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        boolean heartbeatsKnown = read(now);
        Map<String, Integer> targets = lastTargets;
        List<WorkerView> views = new ArrayList<>();
        for (ManagedWorker m : workers.values()) {
            views.add(m.view());
        }
        Convergence.Plan plan =
                Convergence.plan(
                        new Convergence.Input(
                                now,
                                targets,
                                views,
                                queues,
                                heartbeatsKnown,
                                config,
                                standby,
                                demand));
        queues = new TreeMap<>(plan.queues());
        demand = plan.demand();
        List<ScalingEvent> events = new ArrayList<>();
        Map<String, Integer> counts = activeCounts();
        for (Action a : plan.actions()) {
            if (!actions.run(a, now, counts, events) && a instanceof Action.Start st) {
                backOff(st.queue(), now);
            }
        }
        Map<String, String> exited = new TreeMap<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.Reap r) {
                exited.put(r.workerId(), r.queue());
            }
        }
        report(activeCounts(), events, exited);
    }

    /**
     * Reads targets, settings, heartbeats and recycle requests. Returns whether heartbeats can be
     * trusted this pass; with Redis unreachable the last targets stay and none can.
     */
    private boolean read(long now) {
        try {
            Map<String, Integer> published = store.targets();
            if (published == null && !lastTargets.isEmpty()) {
                if (!targetsLost) {
                    targetsLost = true;
                    Log.warn(
                            "targets.unpublished",
                            "keeping",
                            "last-targets",
                            "targets",
                            lastTargets);
                }
            } else {
                targetsLost = false;
                lastTargets = published == null ? Map.of() : published;
            }
            noteFreshness(store.targetsTick(), now);
            config = baseConfig.under(store.settings());
            standby = store.standbyWorkers(lastTargets.keySet());
            store.liveness(new ArrayList<>(workers.keySet()))
                    .forEach(
                            (id, l) -> {
                                ManagedWorker m = workers.get(id);
                                if (m != null
                                        && (m.lastSeen == null || l.lastSeen() >= m.lastSeen)) {
                                    m.lastSeen = l.lastSeen();
                                    m.rssBytes = l.rssBytes();
                                }
                            });
            for (String id : store.recycleRequests()) {
                ManagedWorker m = workers.get(id);
                if (m != null) {
                    m.recycleRequested = true;
                }
            }
            if (!redisUp) {
                redisUp = true;
                heartbeatsTrustedFrom = now + config.heartbeatTimeoutMillis();
                Log.info("redis.reachable", "workers", workers.size());
            }
            return now >= heartbeatsTrustedFrom;
        } catch (RuntimeException e) {
            if (redisUp) {
                redisUp = false;
                Log.warn(
                        "redis.unreachable",
                        "keeping",
                        "last-targets",
                        "workers",
                        workers.size(),
                        "error",
                        e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return false;
        }
    }

    /**
     * A control loop that stopped writing leaves the last targets in place: the scaler keeps them
     * (no scale-up or scale-down it was not told, crashed workers still replaced) and says so once.
     */
    private void noteFreshness(String tick, long now) {
        if (!freshness.changed(tick, now)) {
            return;
        }
        if (freshness.reportedStale()) {
            Log.warn(
                    "targets.stale",
                    "unchangedForMs",
                    freshness.unchangedForMillis(now),
                    "holding",
                    "last-targets",
                    "targets",
                    lastTargets);
        } else {
            Log.info("targets.fresh");
        }
    }

    /** A launcher that cannot start anything is retried with back-off, as a crash would be. */
    private void backOff(String queue, long now) {
        QueueState qs = queues.getOrDefault(queue, QueueState.FRESH);
        int failures = qs.failures() + 1;
        queues.put(
                queue,
                new QueueState(
                        failures,
                        now,
                        now + Math.max(1_000, config.backoffMillis(failures)),
                        qs.owed()));
    }

    private Map<String, Integer> activeCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String q : lastTargets.keySet()) {
            counts.put(q, 0);
        }
        for (ManagedWorker m : workers.values()) {
            counts.merge(m.queue, m.counted() ? 1 : 0, Integer::sum);
        }
        return counts;
    }

    private void report(
            Map<String, Integer> actual, List<ScalingEvent> events, Map<String, String> exited) {
        pidFile.write(workers.values());
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
            store.forgetWorkers(exited);
            // Written every tick: cheap, and it heals a Redis that lost its data.
            store.writeActual(actual);
        } catch (RuntimeException e) {
            redisUp = false;
            Log.warn(
                    "redis.unreachable",
                    "keeping",
                    "last-targets",
                    "workers",
                    workers.size(),
                    "error",
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Whether the targets' write counter stood still past the stale limit at the last tick. */
    public synchronized boolean targetsStale() {
        return freshness.reportedStale();
    }

    /** PIDs of the worker processes alive now. */
    public synchronized Map<String, Long> pids() {
        Map<String, Long> out = new TreeMap<>();
        workers.values().stream()
                .filter(m -> m.process.isAlive())
                .forEach(m -> out.put(m.workerId, m.process.pid()));
        return out;
    }

    /** Process handles of the workers, for callers that must make sure none outlives them. */
    public synchronized List<ProcessHandle> handles() {
        return workers.values().stream().map(m -> m.process.toHandle()).toList();
    }

    /**
     * Stops every worker gracefully (SIGTERM, then SIGKILL after the shutdown timeout), reports
     * them stopped and the actual counts as zero. Idempotent.
     */
    @Override
    public void close() {
        List<ManagedWorker> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(workers.values());
        }
        WorkerShutdown.signalAll(all, clock.getAsLong());
        Log.info("scaler.stopping", "workers", all.size());
        WorkerShutdown.awaitOrKill(all, config.shutdownTimeoutMillis());
        List<ScalingEvent> events = WorkerShutdown.stoppedEvents(all, clock.getAsLong());
        Map<String, Integer> zero = new TreeMap<>();
        lastTargets.keySet().forEach(q -> zero.put(q, 0));
        all.forEach(m -> zero.put(m.queue, 0));
        synchronized (this) {
            workers.clear();
        }
        pidFile.write(workers.values());
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
