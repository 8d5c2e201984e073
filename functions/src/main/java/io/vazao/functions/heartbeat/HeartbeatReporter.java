package io.vazao.functions.heartbeat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.RedisKeys;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.config.WorkerIdentity;
import io.vazao.functions.consume.DirectConsumer;
import io.vazao.functions.lifecycle.Lifecycle;
import io.vazao.functions.metrics.WorkerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Writes this worker's heartbeat: the hash {@code worker:{id}} with a TTL of three intervals and
 * its entry in the per-queue index, in one MULTI/EXEC. A failed write is logged once and retried on
 * the next beat; work never waits for Redis.
 */
@ApplicationScoped
public class HeartbeatReporter {

    private static final Logger LOG = Logger.getLogger(HeartbeatReporter.class);

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final WorkerIdentity identity;
    private final QueueBinding binding;
    private final WorkerMetrics metrics;
    private final Lifecycle lifecycle;
    private final BoundPort port;
    private final DirectConsumer consumer;
    private final ProcessStats stats = new ProcessStats();
    private final Duration interval;
    private volatile boolean failing;

    @Inject
    public HeartbeatReporter(
            RedisDataSource redis,
            RedisKeys keys,
            WorkerIdentity identity,
            QueueBinding binding,
            WorkerMetrics metrics,
            Lifecycle lifecycle,
            BoundPort port,
            FunctionsConfig config,
            DirectConsumer consumer) {
        this.redis = redis;
        this.keys = keys;
        this.identity = identity;
        this.binding = binding;
        this.metrics = metrics;
        this.lifecycle = lifecycle;
        this.port = port;
        this.consumer = consumer;
        this.interval = config.heartbeat().interval();
    }

    public Duration interval() {
        return interval;
    }

    public Heartbeat current() {
        return new Heartbeat(
                identity.workerId(),
                binding.queue(),
                identity.host(),
                identity.pid(),
                port.port(),
                identity.startedAt(),
                System.currentTimeMillis(),
                metrics.processedCount(),
                metrics.failedCount(),
                metrics.inFlight(),
                stats.cpuPercent(),
                stats.rssBytes(),
                Lifecycle.reported(lifecycle.state(), consumer.consuming()),
                identity.version(),
                metrics.celeryProcessedCount());
    }

    /** Writes one heartbeat; returns false (and logs once) when Redis is unreachable. */
    public boolean beat() {
        Heartbeat hb = current();
        String key = keys.worker(hb.workerId());
        long ttlMillis = interval.toMillis() * 3;
        try {
            redis.withTransaction(
                    tx -> {
                        tx.hash(String.class).hset(key, hb.toHash());
                        tx.key().pexpire(key, ttlMillis);
                        tx.sortedSet(String.class)
                                .zadd(keys.workers(hb.queue()), hb.lastSeen(), hb.workerId());
                    });
            if (failing) {
                LOG.infof("event=heartbeat-resumed worker=%s", hb.workerId());
                failing = false;
            }
            return true;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf(
                        "event=heartbeat-failed worker=%s error=\"%s\"",
                        hb.workerId(), e.getMessage());
                failing = true;
            }
            return false;
        }
    }

    /** Removes the heartbeat and the index entry (clean exit). */
    public void remove() {
        try {
            redis.key().del(keys.worker(identity.workerId()));
            redis.sortedSet(String.class).zrem(keys.workers(binding.queue()), identity.workerId());
            LOG.infof("event=heartbeat-removed worker=%s", identity.workerId());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "event=heartbeat-remove-failed worker=%s error=\"%s\"",
                    identity.workerId(), e.getMessage());
        }
    }
}
