package io.vazao.scaler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.EventKind;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.ScalingEvent;
import io.vazao.testsupport.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/**
 * Warm standby with real child processes and the real Redis: the worker command is a shell that,
 * started as a standby, waits for its promotion line on standard input and writes it to a file.
 */
class StandbyScalerIT {

    @TempDir Path tmp;
    RedisKeys keys;
    JedisPooled redis;
    LocalScaler scaler;

    @BeforeEach
    void setUp() {
        keys = new RedisKeys("t" + UUID.randomUUID().toString().substring(0, 8) + ":");
        redis = new JedisPooled("127.0.0.1", 6379);
    }

    @AfterEach
    void tearDown() {
        if (scaler != null) {
            List<ProcessHandle> left = scaler.handles();
            scaler.close();
            left.forEach(ProcessHandle::destroyForcibly);
        }
        TestKeys.deleteAll(redis, keys.prefix());
        redis.close();
    }

    @Test
    void aStandbyIsPromotedByALineInsteadOfAStartAndReplacedByAnotherStandby() throws Exception {
        Path promoted = Files.createDirectories(tmp.resolve("promoted"));
        String worker =
                "if [ \"$VAZAO_STANDBY\" = true ]; then read line;"
                        + " echo \"$line\" > "
                        + promoted
                        + "/$VAZAO_WORKER_ID; fi; exec sleep 600";
        WorkerLauncher launcher =
                new WorkerLauncher(List.of("sh", "-c", worker), Map.of(), tmp.resolve("logs"));
        scaler =
                new LocalScaler(
                        new RedisScalerStore(redis, keys),
                        launcher,
                        keys.prefix(),
                        LocalScalerIT.config().withStandby(1),
                        tmp.resolve("workers.pids"),
                        System::currentTimeMillis);

        redis.hset(keys.targets(), Map.of("qa", "1"));
        scaler.tick();
        Map<String, Long> first = scaler.pids();
        assertEquals(2, first.size(), "one worker and one standby: " + first);
        assertEquals("1", redis.hget(keys.actual(), "qa"), "the standby is not counted");
        String standby = null;
        for (Map.Entry<String, Long> e : first.entrySet()) {
            String env = Files.readString(Path.of("/proc", e.getValue().toString(), "environ"));
            if (env.contains("VAZAO_STANDBY=true")) {
                standby = e.getKey();
            }
        }
        assertTrue(standby != null, "one of them was started as a standby");

        redis.hset(keys.targets(), "qa", "2");
        scaler.tick();
        String promotedId = standby;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(promoted.resolve(promotedId)));
        assertEquals("consume", Files.readString(promoted.resolve(promotedId)).trim());
        assertEquals("2", redis.hget(keys.actual(), "qa"));
        assertEquals(first.get(standby), scaler.pids().get(standby), "the same process");
        Set<String> now = new HashSet<>(scaler.pids().keySet());
        now.removeAll(first.keySet());
        assertEquals(1, now.size(), "a new standby took its place: " + scaler.pids());
        List<ScalingEvent> started =
                redis.xrange(keys.events(), (StreamEntryID) null, null).stream()
                        .map(e -> ScalingEvent.fromFields(e.getFields()))
                        .filter(e -> e.kind() == EventKind.STARTED)
                        .toList();
        assertEquals(2, started.size(), "the first worker, then the promotion: " + started);
        assertTrue(
                started.get(1).reason().startsWith("promoted from standby"),
                started.get(1).reason());
        assertFalse(Files.exists(promoted.resolve(now.iterator().next())));

        redis.hset(keys.targets(), "qa", "1");
        scaler.tick();
        assertEquals("1", redis.hget(keys.actual(), "qa"));
    }

    /** How many running processes were started as standby, by queue. */
    Map<String, Integer> standbyByQueue() throws Exception {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Long> e : scaler.pids().entrySet()) {
            String env = Files.readString(Path.of("/proc", e.getValue().toString(), "environ"));
            if (env.contains("VAZAO_STANDBY=true")) {
                String queue = env.contains("VAZAO_QUEUE=qa\0") ? "qa" : "qb";
                out.merge(queue, 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    void thePoolsShareTheMemoryBudgetAndShrinkAfterAWindowWithoutScaleUps() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock =
                new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());
        WorkerLauncher launcher =
                new WorkerLauncher(
                        List.of("sh", "-c", "exec sleep 600"), Map.of(), tmp.resolve("logs"));
        long threeWorkers = 3 * io.vazao.engine.StandbyMemory.UNMEASURED_WORKER_BYTES;
        scaler =
                new LocalScaler(
                        new RedisScalerStore(redis, keys),
                        launcher,
                        keys.prefix(),
                        LocalScalerIT.config().withStandby(3).withStandbyMemory(threeWorkers),
                        tmp.resolve("workers.pids"),
                        clock::get);
        redis.hset(keys.targets(), Map.of("qa", "1", "qb", "1"));
        for (int i = 0; i < 4; i++) { // one standby start per queue per tick
            scaler.tick();
            clock.addAndGet(500);
        }
        assertEquals(
                Map.of("qa", 2, "qb", 1),
                standbyByQueue(),
                "3 wanted each, 3 fit in the budget: shared in turn");

        clock.addAndGet(io.vazao.engine.StandbyDemand.WINDOW_MILLIS);
        scaler.tick();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(Map.of("qa", 1, "qb", 1), standbyByQueue()));
    }
}
