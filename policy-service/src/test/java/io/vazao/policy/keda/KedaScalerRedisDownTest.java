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
import io.vazao.policy.keda.grpc.ScaledObjectRef;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis really goes away (a private redis-server, killed by pid): KEDA keeps getting the last known
 * targets instead of errors or zeros, a queue never seen gets UNAVAILABLE, and the scaler follows
 * the targets again once Redis is back.
 */
@QuarkusTest
@TestProfile(KedaScalerRedisDownTest.OwnRedis.class)
class KedaScalerRedisDownTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "tkedadown" + RUN + ":";
    static final String QUEUE = "t-keda-down-" + RUN;
    static final Duration CALL = Duration.ofSeconds(20);

    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vazao.key-prefix",
                    PREFIX,
                    "vazao.keda.poll-interval",
                    "300ms",
                    "vazao.keda.redis-timeout",
                    "1s",
                    "vazao.loop.enabled",
                    "false",
                    "quarkus.grpc.clients.keda.host",
                    "localhost");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(PrivateRedis.class));
        }
    }

    @GrpcClient("keda")
    ExternalScaler keda;

    @Inject RedisDataSource redis;

    @Inject TargetWatcher watcher;

    final RedisKeys keys = new RedisKeys(PREFIX);

    @AfterEach
    void restoreRedis() {
        if (!PrivateRedis.accepts(PrivateRedis.port())) {
            PrivateRedis.startOn(PrivateRedis.port());
        }
    }

    @Test
    void servesLastKnownTargetsWhileRedisIsDownAndFollowsAgainAfter() {
        redis.hash(String.class).hset(keys.targets(), QUEUE, "6");
        await().atMost(CALL).until(() -> metric(QUEUE) == 6);

        PrivateRedis.kill();
        await().atMost(CALL).until(() -> !watcher.redisReachable());
        long readingsWhileDown = watcher.readings();
        await().atMost(CALL)
                .until(
                        () ->
                                watcher.readings()
                                        >= readingsWhileDown + 2); // still failing, still serving
        assertEquals(6, metric(QUEUE), "last known target while Redis is down");
        assertTrue(keda.isActive(ref(QUEUE)).await().atMost(CALL).getResult());
        try {
            metric("t-keda-never-seen-" + RUN);
            fail("a queue never seen cannot be answered while Redis is down");
        } catch (RuntimeException e) {
            assertEquals(
                    Status.Code.UNAVAILABLE,
                    Status.fromThrowable(e).getCode(),
                    String.valueOf(Status.fromThrowable(e)));
        }

        // A fresh server is empty: write the new target as the control loop would.
        PrivateRedis.startOn(PrivateRedis.port());
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> {
                            redis.hash(String.class).hset(keys.targets(), QUEUE, "2");
                            return watcher.redisReachable() && metric(QUEUE) == 2;
                        });
    }

    @Test
    void aRedisThatLostItsDataServesTheLastKnownTargetsUntilTheyArePublishedAgain() {
        redis.value(String.class).set(keys.generation(), "1");
        redis.hash(String.class).hset(keys.targets(), QUEUE, "5");
        await().atMost(CALL).until(() -> metric(QUEUE) == 5);

        // Restarted without persistence: no targets and no generation marker.
        redis.key().del(keys.targets(), keys.generation());
        long readings = watcher.readings();
        await().atMost(CALL).until(() -> watcher.readings() >= readings + 3);
        assertEquals(5, metric(QUEUE), "no targets published is not target 0");

        // The policy service marks the generation again and publishes: followed again, 0 included.
        redis.value(String.class).set(keys.generation(), "2");
        redis.hash(String.class).hset(keys.targets(), QUEUE, "0");
        await().atMost(CALL).until(() -> metric(QUEUE) == 0);
    }

    private long metric(String queue) {
        return KedaCalls.metric(keda, queue);
    }

    private static ScaledObjectRef ref(String queue) {
        return KedaCalls.ref(queue);
    }
}
