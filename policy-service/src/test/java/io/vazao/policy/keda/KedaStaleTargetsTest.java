package io.vazao.policy.keda;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.RedisKeys;
import io.vazao.policy.keda.grpc.ExternalScaler;
import io.vazao.policy.support.RedisDump;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A control loop that stops writing (stalled, or down) leaves targets that are not news: once the
 * tick counter has stood still for {@code vazao.keda.stale-after}, the scaler answers UNAVAILABLE
 * so that KEDA's fallback applies, and it serves targets again at the next write.
 */
@QuarkusTest
@TestProfile(KedaStaleTargetsTest.ShortStaleness.class)
class KedaStaleTargetsTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "tkedastale" + RUN + ":";
    static final String QUEUE = "t-keda-stale-" + RUN;
    static final Duration CALL = Duration.ofSeconds(20);

    public static class ShortStaleness implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vazao.key-prefix", PREFIX,
                    "vazao.keda.poll-interval", "200ms",
                    "vazao.keda.stale-after", "3s",
                    "vazao.loop.enabled", "false",
                    "quarkus.grpc.clients.keda.host", "localhost");
        }
    }

    @GrpcClient("keda")
    ExternalScaler keda;

    @Inject RedisDataSource redis;

    @Inject TargetWatcher watcher;

    final RedisKeys keys = new RedisKeys(PREFIX);

    @AfterEach
    void deleteWhatWeMade() {
        RedisDump.deleteAll(redis, PREFIX);
    }

    @Test
    void targetsThatStopBeingWrittenAreUnavailableUntilTheLoopWritesAgain() {
        redis.hash(String.class).hset(keys.targets(), QUEUE, "7");
        // The last write: the watcher sees it at this moment or later, so it cannot call the
        // targets stale before stale-after (3 s) has passed since. (The first gRPC answer may come
        // seconds later on a loaded machine: it is no mark to measure from.)
        long writtenAt = System.nanoTime();
        newCounter();
        await().atMost(CALL).until(() -> metric() == 7);

        // The loop stops writing: the counter stands still past stale-after.
        await().atMost(CALL).pollInterval(Duration.ofMillis(100)).until(watcher::stale);
        assertTrue(
                System.nanoTime() - writtenAt >= 2_900_000_000L,
                "stale only once stale-after has passed");
        try {
            metric();
            fail("a stale target must not be served as if it were current");
        } catch (RuntimeException e) {
            Status status = Status.fromThrowable(e);
            assertEquals(Status.Code.UNAVAILABLE, status.getCode(), String.valueOf(status));
            assertTrue(
                    status.getDescription().contains("not written for"), status.getDescription());
        }

        // One write, even of the same target, makes it fresh again.
        redis.value(String.class).incr(keys.targetsTick());
        await().atMost(CALL).ignoreExceptions().until(() -> metric() == 7);
    }

    @Test
    void targetsWrittenEveryTickStayFresh() {
        redis.hash(String.class).hset(keys.targets(), QUEUE, "3");
        newCounter();
        long until = System.nanoTime() + 5_000_000_000L;
        await().atMost(CALL)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            redis.value(String.class).incr(keys.targetsTick());
                            assertEquals(3, metric(), "fresh targets are served");
                            return System.nanoTime() > until;
                        });
    }

    /**
     * A counter value no earlier test left behind, as a Redis that lost its data would restart it.
     */
    private void newCounter() {
        redis.value(String.class)
                .set(keys.targetsTick(), Long.toString(System.nanoTime() & 0xffffffffL));
    }

    private long metric() {
        return KedaCalls.metric(keda, QUEUE);
    }
}
