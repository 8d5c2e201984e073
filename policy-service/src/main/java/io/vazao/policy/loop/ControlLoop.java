package io.vazao.policy.loop;

import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vazao.contract.EventKind;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.Policy;
import io.vazao.contract.ScalingEvent;
import io.vazao.contract.Settings;
import io.vazao.engine.DecisionEngine;
import io.vazao.engine.History;
import io.vazao.engine.Outcome;
import io.vazao.engine.QueueSnapshot;
import io.vazao.engine.Snapshot;
import io.vazao.policy.broker.BrokerReader;
import io.vazao.policy.broker.BrokerReading;
import io.vazao.policy.broker.ReadyGrowthMeter;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.heartbeat.HeartbeatReader;
import io.vazao.policy.heartbeat.ServiceRateMeter;
import io.vazao.policy.lease.LeaderLease;
import io.vazao.policy.metrics.PolicyMetrics;
import io.vazao.policy.status.StatusBoard;
import io.vazao.policy.store.ControlPlaneMemory;
import io.vazao.policy.store.EventLog;
import io.vazao.policy.store.PolicyStore;
import io.vazao.policy.store.RecycleRequests;
import io.vazao.policy.store.StoreUnavailableException;
import io.vazao.policy.store.StoredPolicies;
import io.vazao.policy.store.TargetWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The imperative shell around the decision engine. Every {@code tickMillis} (read from Redis each
 * tick): read settings, policies, broker figures and heartbeats; call the engine with the injected
 * clock's time; publish all targets in one Redis write, an event per change, gauges and the status.
 * When Redis cannot be reached the tick is skipped (logged once per outage) and the last status
 * keeps being served; when the broker cannot be read the engine is given no inputs and holds.
 */
@ApplicationScoped
public class ControlLoop {

    private static final Logger LOG = Logger.getLogger(ControlLoop.class);

    /** Queue name of events that concern the whole configuration rather than one queue. */
    public static final String GLOBAL = PublicationPlanner.GLOBAL;

    private final VazaoConfig config;
    private final Bootstrap bootstrap;
    private final PolicyStore store;
    private final BrokerReader broker;
    private final HeartbeatReader heartbeats;
    private final TargetWriter targets;
    private final EventLog events;
    private final StatusBoard board;
    private final PolicyMetrics metrics;
    private final Clock clock;
    private final DecisionEngine engine;
    private final ControlPlaneMemory memory;
    private final LeaderLease lease;
    private final RecycleRequests recycling;

    private final ServiceRateMeter rateMeter = new ServiceRateMeter();
    private final ReadyGrowthMeter growthMeter = new ReadyGrowthMeter();
    private final PublicationPlanner planner = new PublicationPlanner();
    private final AtomicLong completedTicks = new AtomicLong();
    private History history;
    private boolean redisDown;
    private boolean leading;
    private String lastFailure;
    private long tickMillis = Settings.DEFAULT_TICK_MILLIS;
    private ScheduledExecutorService executor;

    public ControlLoop(
            VazaoConfig config,
            Bootstrap bootstrap,
            PolicyStore store,
            BrokerReader broker,
            HeartbeatReader heartbeats,
            TargetWriter targets,
            EventLog events,
            StatusBoard board,
            PolicyMetrics metrics,
            Clock clock,
            DecisionEngine engine,
            ControlPlaneMemory memory,
            LeaderLease lease,
            RecycleRequests recycling) {
        this.config = config;
        this.bootstrap = bootstrap;
        this.store = store;
        this.broker = broker;
        this.heartbeats = heartbeats;
        this.targets = targets;
        this.events = events;
        this.board = board;
        this.metrics = metrics;
        this.clock = clock;
        this.engine = engine;
        this.memory = memory;
        this.lease = lease;
        this.recycling = recycling;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.loop().enabled()) {
            LOG.info("event=loop_disabled reason=configuration");
            return;
        }
        start();
    }

    /**
     * Starts ticking (again, after {@link #stop()}: tests sharing one application stop and restart
     * it).
     */
    synchronized void start() {
        if (executor != null && !executor.isShutdown()) {
            return;
        }
        executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "vazao-control-loop");
                            t.setDaemon(true);
                            return t;
                        });
        executor.schedule(this::run, 0, TimeUnit.MILLISECONDS);
        LOG.infof("event=loop_started prefix=%s", config.keyPrefix());
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops ticking and waits for a tick in progress to finish. */
    void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor.shutdownNow();
        }
    }

    /** Ticks completed since start (a tick that could not read Redis does not count). */
    public long completedTicks() {
        return completedTicks.get();
    }

    private void run() {
        long started = clock.millis();
        long period = lease.standbyPollMillis();
        try {
            period = leadingNow() ? tick() : period;
        } catch (RuntimeException | Error e) {
            // Whatever a tick throws, the loop goes on: a task that throws is never scheduled
            // again.
            LOG.errorf(e, "event=tick_aborted error=\"%s\"", e);
        } finally {
            long delay = Math.max(0, period - (clock.millis() - started));
            if (executor != null && !executor.isShutdown()) {
                executor.schedule(this::run, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Only the lease holder ticks. On taking the lease the engine's memory is dropped, so the first
     * tick resumes from what the previous leader published (see {@link #seedHistory}).
     */
    private synchronized boolean leadingNow() {
        boolean now = lease.leading();
        if (now && !leading) {
            history = null;
        }
        leading = now;
        return now;
    }

    /** One tick; returns the period until the next. */
    synchronized long tick() {
        try {
            memory.restoreIfLost();
            bootstrap.ensure();
            PolicyStore.SettingsRead read = store.settingsForLoop();
            Settings settings = read.settings();
            tickMillis = settings.tickMillis();
            StoredPolicies stored = store.policies();
            if (read.error() != null) {
                List<String> errors = new ArrayList<>(stored.errors());
                errors.add(read.error());
                stored = new StoredPolicies(stored.policies(), errors);
            }
            memory.remember(settings, stored.policies());
            if (history == null) {
                history = seedHistory(store.targets(), Instant.ofEpochMilli(clock.millis()));
            }
            TickInputs inputs = read(settings, stored);
            Timer.Sample sample = Timer.start();
            Outcome outcome =
                    engine.decide(
                            inputs.snapshot(),
                            inputs.policies(),
                            settings,
                            history,
                            Instant.ofEpochMilli(clock.millis()));
            sample.stop(metrics.decisionTimer());
            publish(inputs, outcome, clock.millis());
            history = outcome.history();
            if (redisDown) {
                redisDown = false;
                LOG.info("event=redis_recovered");
            }
            lastFailure = null;
            completedTicks.incrementAndGet();
        } catch (StoreUnavailableException e) {
            if (!redisDown) {
                redisDown = true;
                LOG.warnf(
                        "event=redis_unreachable action=hold_last_state error=\"%s\"",
                        e.getMessage());
            }
        } catch (RuntimeException e) {
            // Full detail once per distinct failure, so a persistent fault does not flood the log.
            String failure = e.getClass().getName() + ": " + e.getMessage();
            if (!failure.equals(lastFailure)) {
                lastFailure = failure;
                LOG.errorf(e, "event=tick_failed error=\"%s\"", e.getMessage());
            }
        }
        return tickMillis;
    }

    /**
     * After a restart the engine starts from the published targets, so nothing drops to 0 or min,
     * and each counts as a recommendation made now: the scale-down window starts again rather than
     * being forgotten.
     */
    static History seedHistory(Map<String, Integer> published, Instant now) {
        return History.resume(published, now);
    }

    private TickInputs read(Settings settings, StoredPolicies stored) {
        Map<String, Policy> policies = stored.policies();
        List<String> queues = new ArrayList<>(policies.keySet());
        BrokerReading reading = broker.read(queues);
        long now = clock.millis();
        long timeout = settings.heartbeatTimeoutMillis();
        Map<String, List<Heartbeat>> live = new LinkedHashMap<>();
        Set<String> liveIds = new HashSet<>();
        List<QueueSnapshot> snapshots = new ArrayList<>();
        for (String q : queues) {
            List<Heartbeat> workers =
                    SnapshotBuilder.live(heartbeats.workers(q, now - timeout), now, timeout);
            live.put(q, workers);
            workers.forEach(w -> liveIds.add(w.workerId()));
            Double grown =
                    growthMeter.growth(
                            q, reading.reachable() ? reading.queues().get(q) : null, now);
            snapshots.add(SnapshotBuilder.queue(q, reading, workers, rateMeter, grown));
        }
        rateMeter.retain(liveIds);
        growthMeter.retain(policies.keySet());
        return new TickInputs(
                settings,
                policies,
                stored.errors(),
                reading,
                live,
                new Snapshot(snapshots, hostCpu()),
                store.processes());
    }

    private Double hostCpu() {
        if (!config.loop().localMode()) {
            return null;
        }
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getCpuLoad();
            return load < 0 ? null : load * 100.0;
        }
        return null;
    }

    /** Writes what the tick decided: targets in one step, then events, gauges and the status. */
    private void publish(TickInputs in, Outcome outcome, long now) {
        Publication out = planner.plan(in, outcome, now);
        targets.write(out.targets());
        for (ScalingEvent e : out.events()) {
            if (e.kind() == EventKind.RECYCLE) {
                recycling.request(e.workerId());
            }
            events.append(e);
            logAndCount(e);
        }
        for (Publication.QueueGauges g : out.gauges()) {
            metrics.queue(
                    g.queue(),
                    g.ready(),
                    g.unacked(),
                    g.publishRate(),
                    g.ackRate(),
                    g.target(),
                    g.live(),
                    g.dlqMessages());
        }
        metrics.retain(in.policies().keySet());
        metrics.budget(in.settings().maxTotalWorkers(), out.budgetBound());
        board.publish(out.status());
    }

    private void logAndCount(ScalingEvent e) {
        switch (e.kind()) {
            case SCALE_UP, SCALE_DOWN -> {
                metrics.scalingEvent(e.queue(), e.kind() == EventKind.SCALE_UP ? "up" : "down");
                LOG.infof(
                        "event=%s queue=%s from=%d to=%d reason=\"%s\"",
                        e.kind().wire(), e.queue(), e.from(), e.to(), e.reason());
            }
            case CONFIG_ERROR -> LOG.warnf("event=config_error error=\"%s\"", e.reason());
            default -> {}
        }
    }
}
