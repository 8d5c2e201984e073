package io.vazao.policy.lease;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vazao.contract.RedisKeys;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.store.RedisFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The control loop's lease as a Redis key with a time to live and a fencing token
 * (acquire-lease.lua). Renewed on its own thread, so a slow tick does not lose it. The token counts
 * as held only until the time to live has passed since the renewal was sent: a replica that was
 * paused longer stops ticking by itself, and if it was paused in the middle of a tick, its write is
 * refused by the token check in fenced-targets.lua.
 */
@ApplicationScoped
public class RedisLeaderLease implements LeaderLease {

    private static final Logger LOG = Logger.getLogger(RedisLeaderLease.class);
    private static final String ACQUIRE = LuaScript.load("acquire-lease.lua");
    private static final String RELEASE = LuaScript.load("release-lease.lua");

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final VazaoConfig config;
    private final String holder =
            ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile long token = -1;
    private volatile long validUntilNanos;
    private boolean unreachable;
    private ScheduledExecutorService executor;

    public RedisLeaderLease(RedisDataSource redis, RedisKeys keys, VazaoConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.loop().enabled()) {
            return;
        }
        executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "vazao-lease");
                            t.setDaemon(true);
                            return t;
                        });
        // The first attempt on the start-up thread: it also creates the Redis client, which two
        // background threads (this one and the loop's) must not race to create.
        renew();
        long every = config.lease().renewInterval().toMillis();
        executor.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        LOG.infof(
                "event=lease_standby holder=%s ttl_ms=%d", holder, config.lease().ttl().toMillis());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        if (token >= 0) {
            try {
                redis.execute("EVAL", RELEASE, "1", keys.leaderLease(), holder);
                LOG.infof("event=lease_released holder=%s token=%d", holder, token);
            } catch (RuntimeException e) {
                LOG.infof(
                        "event=lease_release_failed holder=%s error=\"%s\"",
                        holder, RedisFailures.describe(e));
            }
        }
    }

    @Override
    public OptionalLong token() {
        long t = token;
        return t >= 0 && System.nanoTime() - validUntilNanos < 0
                ? OptionalLong.of(t)
                : OptionalLong.empty();
    }

    @Override
    public long standbyPollMillis() {
        return config.lease().renewInterval().toMillis();
    }

    @Override
    public void lost(long refused) {
        if (token == refused) {
            token = -1;
            LOG.warnf("event=lease_lost holder=%s token=%d reason=write_refused", holder, refused);
        }
    }

    void renew() {
        long sent = System.nanoTime();
        long ttl = config.lease().ttl().toMillis();
        try {
            long got =
                    redis.execute(
                                    "EVAL",
                                    ACQUIRE,
                                    "2",
                                    keys.leaderLease(),
                                    keys.leaderFence(),
                                    holder,
                                    Long.toString(ttl))
                            .toLong();
            unreachable = false;
            if (got >= 0) {
                validUntilNanos = sent + TimeUnit.MILLISECONDS.toNanos(ttl);
                if (token != got) {
                    LOG.infof("event=lease_acquired holder=%s token=%d", holder, got);
                }
                token = got;
            } else if (token >= 0) {
                LOG.warnf(
                        "event=lease_lost holder=%s token=%d reason=held_by_another",
                        holder, token);
                token = -1;
            }
        } catch (Exception e) {
            // Keep the token until its time runs out: Redis may be back before then. Any exception
            // is caught: one escaping would cancel the scheduled renewal for good, and the loop
            // would never lead again once Redis is back.
            if (!unreachable) {
                unreachable = true;
                LOG.warnf(
                        "event=lease_renew_failed holder=%s error=\"%s\"",
                        holder, RedisFailures.describe(e));
            }
        }
    }
}
