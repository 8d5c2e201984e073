package io.vazao.scaler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.EventKind;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.ScalingEvent;
import io.vazao.contract.WorkerState;
import io.vazao.testsupport.TcpRelay;
import io.vazao.testsupport.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/**
 * The scaler shell against the real Redis with real child processes. The worker command is {@code
 * sleep}: a real process that exits on SIGTERM, which is all the shell relies on; the
 * heartbeat-driven rules are exercised by writing heartbeats in the contract's format.
 */
class LocalScalerIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    RedisKeys keys;
    JedisPooled redis;
    LocalScaler scaler;
    List<ProcessHandle> spawned = new ArrayList<>();
    @TempDir Path tmp;

    @BeforeEach
    void setUp() {
        keys = new RedisKeys("t" + UUID.randomUUID().toString().substring(0, 8) + ":");
        redis = new JedisPooled("127.0.0.1", 6379);
    }

    @AfterEach
    void tearDown() {
        if (scaler != null) {
            spawned.addAll(scaler.handles());
            scaler.close();
        }
        for (ProcessHandle h : spawned) {
            h.destroyForcibly();
        }
        TestKeys.deleteAll(redis, keys.prefix());
        redis.close();
    }

    LocalScaler scaler(JedisPooled client, ScalerConfig config) {
        return scaler(client, config, System::currentTimeMillis);
    }

    LocalScaler scaler(JedisPooled client, ScalerConfig config, LongSupplier clock) {
        WorkerLauncher launcher =
                new WorkerLauncher(List.of("sleep", "600"), Map.of(), tmp.resolve("logs"));
        return new LocalScaler(
                new RedisScalerStore(client, keys),
                launcher,
                keys.prefix(),
                config,
                tmp.resolve("workers.pids"),
                clock);
    }

    /** A worker's heartbeat hash as the function writes it (queue qa, running). */
    void heartbeat(String id, long pid, long startedAt, long lastSeen, long rssBytes) {
        redis.hset(
                keys.worker(id),
                new Heartbeat(
                                id,
                                "qa",
                                "h",
                                pid,
                                1,
                                startedAt,
                                lastSeen,
                                5,
                                0,
                                0,
                                1.0,
                                rssBytes,
                                WorkerState.RUNNING,
                                "t")
                        .toHash());
    }

    static ScalerConfig config() {
        return new ScalerConfig(5_000, 600_000, 6_000, 512L << 20, 0, 500, 5_000, 0, 0, 0);
    }

    List<ScalingEvent> events() {
        return redis.xrange(keys.events(), (StreamEntryID) null, null).stream()
                .map(e -> ScalingEvent.fromFields(e.getFields()))
                .toList();
    }

    @Test
    void targetsNotWrittenForTooLongAreCalledStaleAndHeld() {
        AtomicLong now = new AtomicLong(1_000_000);
        scaler = scaler(redis, config(), now::get);
        redis.hset(keys.targets(), Map.of("qa", "2"));
        redis.set(keys.targetsTick(), "41");
        scaler.tick();
        assertEquals(2, scaler.pids().size());
        assertFalse(scaler.targetsStale());

        now.addAndGet(16_000); // the scaler's own clock: no write for longer than 15 s
        scaler.tick();
        assertTrue(scaler.targetsStale());
        assertEquals(2, scaler.pids().size(), "the last targets are held, not dropped");

        redis.incr(keys.targetsTick());
        scaler.tick();
        assertFalse(scaler.targetsStale(), "one write makes them fresh again");
    }

    @Test
    void convergesToTheTargetsReportsWhatItRunsAndStopsEveryWorkerOnClose() throws Exception {
        scaler = scaler(redis, config());
        redis.hset(keys.targets(), Map.of("qa", "3", "qb", "1"));
        scaler.tick();
        assertEquals(4, scaler.pids().size(), "the whole deficit starts in one tick");
        assertEquals(Map.of("qa", "3", "qb", "1"), redis.hgetAll(keys.actual()));
        assertEquals(4, events().stream().filter(e -> e.kind() == EventKind.STARTED).count());
        assertEquals(4, Files.readAllLines(tmp.resolve("workers.pids")).size());
        for (String id : scaler.pids().keySet()) {
            String env =
                    Files.readString(
                            Path.of("/proc", Long.toString(scaler.pids().get(id)), "environ"));
            assertTrue(
                    env.contains("VAZAO_WORKER_ID=" + id)
                            && env.contains("VAZAO_KEY_PREFIX=" + keys.prefix())
                            && env.contains("QUARKUS_HTTP_PORT=0"),
                    "worker environment of " + id);
        }

        redis.hset(keys.targets(), "qa", "1");
        scaler.tick();
        assertEquals(Map.of("qa", "1", "qb", "1"), redis.hgetAll(keys.actual()));
        await().atMost(WAIT)
                .until(
                        () -> {
                            scaler.tick();
                            return scaler.pids().size() == 2
                                    && events().stream()
                                                    .filter(e -> e.kind() == EventKind.STOPPED)
                                                    .count()
                                            == 2;
                        });

        Set<ProcessHandle> handles = new HashSet<>(scaler.handles());
        scaler.close();
        for (ProcessHandle h : handles) {
            assertFalse(h.isAlive(), "worker " + h.pid() + " outlived the scaler");
        }
        assertEquals(Map.of("qa", "0", "qb", "0"), redis.hgetAll(keys.actual()));
        assertEquals("", Files.readString(tmp.resolve("workers.pids")));
    }

    @Test
    void aRedisThatLostItsDataStopsNoWorkerButAnEmptyTargetsHashBesideTheMarkerDoes() {
        scaler = scaler(redis, config());
        redis.hset(keys.targets(), Map.of("qa", "2"));
        scaler.tick();
        Map<String, Long> before = scaler.pids();
        assertEquals(2, before.size());

        TestKeys.deleteAll(redis, keys.prefix()); // a Redis restarted without persistence
        for (int i = 0; i < 5; i++) {
            scaler.tick();
        }
        assertEquals(before, scaler.pids(), "no targets published is not target 0");
        assertTrue(
                events().stream().noneMatch(e -> e.kind() == EventKind.STOPPED),
                "nothing stopped: " + events());

        redis.set(
                keys.generation(),
                "1"); // the policy service is back and publishes nothing for qa: that is 0
        scaler.tick();
        await().atMost(WAIT)
                .until(
                        () -> {
                            scaler.tick();
                            return scaler.pids().isEmpty();
                        });
    }

    @Test
    void aWorkerThatExitedNoLongerCountsAsLive() {
        scaler = scaler(redis, config());
        redis.hset(keys.targets(), "qa", "1");
        scaler.tick();
        String id = scaler.pids().keySet().iterator().next();
        long pid = scaler.pids().get(id);
        long now = System.currentTimeMillis();
        // Its last heartbeat, fresh: until it expires it would count the dead worker as live.
        heartbeat(id, pid, now, now, 100L << 20);
        redis.zadd(keys.workers("qa"), now, id);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(WAIT)
                .until(
                        () -> {
                            scaler.tick();
                            return !scaler.pids().containsKey(id);
                        });
        assertFalse(redis.exists(keys.worker(id)), "the heartbeat of the dead worker is gone");
        assertEquals(null, redis.zscore(keys.workers("qa"), id));
    }

    @Test
    void aKilledWorkerIsReplacedWithinFiveSecondsAndACrashLoopIsBackedOff() throws Exception {
        scaler = scaler(redis, config());
        redis.hset(keys.targets(), "qa", "2");
        scaler.tick();
        long victim = scaler.pids().values().iterator().next();
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        long killedAt = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            scaler.tick();
                            return scaler.pids().size() == 2
                                    && !scaler.pids().containsValue(victim);
                        });
        assertTrue(System.currentTimeMillis() - killedAt < 5_000);
        List<ScalingEvent> ev = events();
        assertTrue(
                ev.stream().anyMatch(e -> e.kind() == EventKind.CRASHED), "crash reported: " + ev);
        assertTrue(
                ev.stream().anyMatch(e -> e.kind() == EventKind.REPLACED),
                "replacement reported: " + ev);

        // Kill the replacement too before it ever heartbeats: the next restart waits for the
        // back-off.
        long second =
                scaler.pids().values().stream()
                        .filter(p -> p != victim)
                        .max(Long::compare)
                        .orElseThrow();
        ProcessHandle.of(second).orElseThrow().destroyForcibly();
        await().atMost(WAIT)
                .until(
                        () ->
                                ProcessHandle.of(second).isEmpty()
                                        || !ProcessHandle.of(second).get().isAlive());
        scaler.tick();
        assertEquals(1, scaler.pids().size(), "second failure in a row: no immediate restart");
        await().atMost(WAIT)
                .until(
                        () -> {
                            scaler.tick();
                            return scaler.pids().size() == 2;
                        });
    }

    @Test
    void aWorkerWhoseHeartbeatGoesStaleIsReplaced() {
        scaler = scaler(redis, config());
        redis.hset(keys.targets(), "qa", "1");
        scaler.tick();
        String id = scaler.pids().keySet().iterator().next();
        long pid = scaler.pids().get(id);
        long now = System.currentTimeMillis();
        heartbeat(id, pid, now - 20_000, now - 10_000, 100L << 20);
        await().atMost(WAIT)
                .until(
                        () -> {
                            scaler.tick();
                            return !scaler.pids().containsKey(id) && scaler.pids().size() == 1;
                        });
        assertTrue(
                events().stream()
                        .anyMatch(
                                e ->
                                        e.kind() == EventKind.CRASHED
                                                && id.equals(e.workerId())
                                                && e.reason().contains("stale")));
    }

    @Test
    void aWorkerAboveTheMemoryLimitIsRecycled() {
        scaler = scaler(redis, config());
        redis.hset(keys.targets(), "qa", "1");
        scaler.tick();
        String id = scaler.pids().keySet().iterator().next();
        long now = System.currentTimeMillis();
        heartbeat(id, 1, now, now, 600L << 20);
        await().atMost(WAIT)
                .until(
                        () -> {
                            scaler.tick();
                            return !scaler.pids().containsKey(id) && scaler.pids().size() == 1;
                        });
        assertTrue(
                events().stream()
                        .anyMatch(e -> e.kind() == EventKind.RECYCLED && id.equals(e.workerId())));
    }

    @Test
    void aRecycleRequestFromThePolicyReplacesThatWorkerAndIsTakenOnce() {
        scaler = scaler(redis, config());
        redis.hset(keys.targets(), "qa", "1");
        scaler.tick();
        String id = scaler.pids().keySet().iterator().next();
        redis.sadd(keys.recycle(), id);
        await().atMost(WAIT)
                .until(
                        () -> {
                            scaler.tick();
                            return !scaler.pids().containsKey(id) && scaler.pids().size() == 1;
                        });
        assertTrue(
                events().stream()
                        .anyMatch(e -> e.kind() == EventKind.RECYCLED && id.equals(e.workerId())));
        assertFalse(
                redis.exists(keys.recycle()), "the request is taken, not left to recycle again");
    }

    @Test
    void withRedisGoneItKeepsItsProcessesAndConvergesAgainWhenRedisReturns() throws Exception {
        try (TcpRelay proxy = new TcpRelay("127.0.0.1", 6379)) {
            JedisPooled viaProxy =
                    new JedisPooled(
                            new HostAndPort("127.0.0.1", proxy.port()),
                            DefaultJedisClientConfig.builder()
                                    .connectionTimeoutMillis(500)
                                    .socketTimeoutMillis(500)
                                    .build());
            try {
                scaler = scaler(viaProxy, config());
                redis.hset(keys.targets(), "qa", "2");
                scaler.tick();
                Map<String, Long> before = scaler.pids();
                assertEquals(2, before.size());

                proxy.cut();
                redis.hset(keys.targets(), "qa", "3");
                for (int i = 0; i < 3; i++) {
                    scaler.tick();
                }
                assertEquals(before, scaler.pids(), "same processes while Redis is unreachable");

                proxy.restore();
                await().atMost(WAIT)
                        .until(
                                () -> {
                                    scaler.tick();
                                    return scaler.pids().size() == 3;
                                });
                assertTrue(
                        scaler.pids().entrySet().containsAll(before.entrySet()),
                        "the old workers were kept");
                await().atMost(WAIT).until(() -> "3".equals(redis.hget(keys.actual(), "qa")));
            } finally {
                spawned.addAll(scaler.handles());
                scaler.close();
                scaler = null;
                viaProxy.close();
            }
        }
    }
}
