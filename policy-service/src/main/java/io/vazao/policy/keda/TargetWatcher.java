package io.vazao.policy.keda;

import io.grpc.Status;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.TargetFreshness;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Follows the targets hash for the external scaler: reads it every poll interval, serves the last
 * reading (so a Redis outage, or a Redis that lost its data, serves the last known targets instead
 * of zeros), and pushes activity changes to the open {@code StreamIsActive} calls.
 */
@ApplicationScoped
public class TargetWatcher {

    private static final Logger LOG = Logger.getLogger(TargetWatcher.class);

    private final ReactiveRedisDataSource redis;
    private final KedaScalerConfig config;
    private final RedisKeys keys;
    private final Vertx vertx;

    private final Object lock = new Object();
    private final Map<String, Set<MultiEmitter<? super Boolean>>> listeners =
            new ConcurrentHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicLong readings = new AtomicLong();
    private volatile Map<String, Integer> known = Map.of();
    private volatile boolean reachable = true;

    /** Set by the first reading of the targets hash that succeeded. */
    private volatile boolean readOnce;

    private volatile List<String> lastInvalid = List.of();
    private final TargetFreshness freshness;
    private long timer = -1;

    TargetWatcher(
            ReactiveRedisDataSource redis, KedaScalerConfig config, Vertx vertx, RedisKeys keys) {
        this.redis = redis;
        this.config = config;
        this.vertx = vertx;
        this.keys = keys;
        this.freshness = new TargetFreshness(config.staleAfter().toMillis());
    }

    void start(@Observes StartupEvent event) {
        poll();
        timer = vertx.setPeriodic(Math.max(1, config.pollInterval().toMillis()), id -> poll());
        LOG.infof(
                "keda.scaler started targets=%s poll=%dms",
                keys.targets(), config.pollInterval().toMillis());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        synchronized (lock) {
            listeners.values().forEach(set -> set.forEach(MultiEmitter::complete));
            listeners.clear();
        }
    }

    /** Completed readings of the targets hash (successful or not); lets callers count ticks. */
    public long readings() {
        return readings.get();
    }

    /** Whether the last reading of the targets hash succeeded. */
    public boolean redisReachable() {
        return reachable;
    }

    /**
     * The queue's current target. A queue without a target but with a policy is at 0 (the control
     * loop has not decided yet); a queue with neither is unknown and fails with NOT_FOUND; before
     * the first reading of the targets every unknown target fails with UNAVAILABLE.
     */
    public Uni<Integer> targetOf(String queue) {
        Integer target = known.get(queue);
        if (target != null && stale()) {
            // Not the last target as if it were current: KEDA's fallback replicas are what the
            // ScaledObject's author chose for a control loop that stopped deciding.
            return Uni.createFrom()
                    .failure(
                            Status.UNAVAILABLE
                                    .withDescription(
                                            "the targets were not written for "
                                                    + unchangedForMillis() / 1000
                                                    + " s (the control loop stalled or is down)")
                                    .asRuntimeException());
        }
        if (target != null) {
            return Uni.createFrom().item(target);
        }
        if (!readOnce) {
            // Not 0: KEDA would scale the queue down before anything was known. UNAVAILABLE runs
            // its fallback.
            return Uni.createFrom()
                    .failure(
                            Status.UNAVAILABLE
                                    .withDescription(
                                            "the targets of queue '"
                                                    + queue
                                                    + "' have not been read yet")
                                    .asRuntimeException());
        }
        return redis.key()
                .exists(keys.policy(queue))
                .ifNoItem()
                .after(config.redisTimeout())
                .fail()
                .onFailure()
                .transform(
                        e ->
                                Status.UNAVAILABLE
                                        .withDescription(
                                                "no known target for queue '"
                                                        + queue
                                                        + "' and Redis is unreachable: "
                                                        + e.getMessage())
                                        .asRuntimeException())
                .map(
                        exists -> {
                            if (!exists) {
                                LOG.warnf("keda.request queue=%s result=unknown-queue", queue);
                                throw ScalerRequests.unknownQueue(queue).asRuntimeException();
                            }
                            return 0;
                        });
    }

    /** The queue's activity now, then every change of it, until the caller cancels. */
    public Multi<Boolean> activity(String queue) {
        return Multi.createFrom()
                .emitter(
                        emitter -> {
                            synchronized (lock) {
                                Set<MultiEmitter<? super Boolean>> set =
                                        listeners.computeIfAbsent(
                                                queue, q -> ConcurrentHashMap.newKeySet());
                                set.add(emitter);
                                emitter.onTermination(() -> set.remove(emitter));
                                emitter.emit(Targets.active(known.get(queue)));
                            }
                        });
    }

    void poll() {
        if (!polling.compareAndSet(false, true)) {
            return; // the previous reading is still waiting for Redis
        }
        redis.hash(String.class)
                .hgetall(keys.targets())
                .chain(
                        raw ->
                                raw.isEmpty()
                                        ? redis.key()
                                                .exists(keys.generation())
                                                .map(marked -> marked ? raw : null)
                                        : Uni.createFrom().item(raw))
                .call(
                        raw ->
                                redis.value(String.class)
                                        .get(keys.targetsTick())
                                        .invoke(tick -> observeTick(tick)))
                .ifNoItem()
                .after(config.redisTimeout())
                .fail()
                .subscribe()
                .with(
                        raw -> {
                            try {
                                if (raw == null) {
                                    unpublished();
                                    return;
                                }
                                apply(raw);
                            } finally {
                                done();
                            }
                        },
                        failure -> {
                            try {
                                unreachable(failure);
                            } finally {
                                done();
                            }
                        });
    }

    /** Called on a Redis thread for each reading; stale() is asked on gRPC threads. */
    private void observeTick(String tick) {
        synchronized (freshness) {
            long at = ownClock();
            if (!freshness.changed(tick, at)) {
                return;
            }
            if (freshness.reportedStale()) {
                LOG.warnf(
                        "keda.targets stale=true unchangedFor=%dms serving=UNAVAILABLE",
                        freshness.unchangedForMillis(at));
            } else {
                LOG.infof("keda.targets stale=false");
            }
        }
    }

    /** Whether the targets stopped being written (see {@link TargetFreshness}). */
    public boolean stale() {
        synchronized (freshness) {
            return freshness.stale(ownClock());
        }
    }

    private long unchangedForMillis() {
        synchronized (freshness) {
            return freshness.unchangedForMillis(ownClock());
        }
    }

    /** This process's monotonic clock, in ms: freshness never compares it with another's. */
    private static long ownClock() {
        return System.nanoTime() / 1_000_000;
    }

    private void done() {
        readings.incrementAndGet();
        polling.set(false);
    }

    private void apply(Map<String, String> raw) {
        Targets.Parsed parsed = Targets.parse(raw);
        if (!parsed.invalidFields().equals(lastInvalid)) {
            lastInvalid = parsed.invalidFields();
            if (!lastInvalid.isEmpty()) {
                LOG.warnf(
                        "keda.targets key=%s invalid-fields=%s (ignored: not a non-negative integer)",
                        keys.targets(), lastInvalid);
            }
        }
        readOnce = true;
        if (!reachable) {
            reachable = true;
            LOG.infof("keda.targets redis=reachable queues=%d", parsed.targets().size());
        }
        synchronized (lock) {
            List<Targets.ActivityChange> changes = Targets.transitions(known, parsed.targets());
            known = parsed.targets();
            for (Targets.ActivityChange change : changes) {
                LOG.infof(
                        "keda.activity queue=%s active=%s target=%d",
                        change.queue(), change.active(), known.getOrDefault(change.queue(), 0));
                Set<MultiEmitter<? super Boolean>> set = listeners.get(change.queue());
                if (set != null) {
                    set.forEach(emitter -> emitter.emit(change.active()));
                }
            }
        }
    }

    /**
     * No targets and no generation marker: Redis lost its data; the last known targets are served.
     */
    private void unpublished() {
        readOnce = true;
        if (reachable) {
            reachable = false;
            LOG.warnf("keda.targets redis=empty serving=last-known queues=%d", known.size());
        }
    }

    private void unreachable(Throwable failure) {
        if (reachable) {
            reachable = false;
            LOG.warnf(
                    "keda.targets redis=unreachable serving=last-known queues=%d error=\"%s\"",
                    known.size(),
                    failure.getMessage() == null
                            ? failure.getClass().getSimpleName()
                            : failure.getMessage());
        }
    }
}
