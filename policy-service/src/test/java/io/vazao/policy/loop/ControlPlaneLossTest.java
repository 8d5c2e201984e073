package io.vazao.policy.loop;

import static io.vazao.policy.loop.LoopTestProfile.PREFIX;
import static io.vazao.policy.loop.LoopTestProfile.QUEUE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Settings;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Redis loses everything of the installation (as a Redis without persistence does on a restart):
 * within two ticks the policy service has written back the policies and settings it last read, and
 * targets are published again.
 */
@QuarkusTest
@TestProfile(LoopTestProfile.class)
class ControlPlaneLossTest {

    @Inject RedisDataSource redis;
    @Inject ControlLoop loop;

    final RedisKeys keys = new RedisKeys(PREFIX);

    /** Another test of this application may have stopped the loop to clean up after itself. */
    @org.junit.jupiter.api.BeforeEach
    void loopRunning() {
        loop.start();
    }

    @Test
    void policiesAndSettingsComeBackAfterRedisLosesThem() {
        Policy edited = Policy.defaults(0.7);
        Settings budget9 = Settings.defaults().withMaxTotalWorkers(9);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> redis.value(String.class).get(keys.policy(QUEUE)) != null);
        redis.value(String.class).set(keys.policy(QUEUE), Json.write(edited));
        redis.value(String.class).set(keys.settings(), Json.write(budget9));
        long seen = loop.completedTicks();
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.completedTicks() >= seen + 2);

        List<String> all = redis.key().keys(PREFIX + "*");
        assertTrue(all.contains(keys.generation()), "marker written: " + all);
        redis.key().del(all.toArray(String[]::new));
        long lost = loop.completedTicks();

        // Readers take "generation marker, no targets" for "every target 0": never seen meanwhile.
        List<String> markerWithoutTargets = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5))
                .until(
                        () -> {
                            if (redis.key().exists(keys.generation())
                                    && redis.hash(String.class).hlen(keys.targets()) == 0) {
                                markerWithoutTargets.add("tick " + loop.completedTicks());
                            }
                            return redis.value(String.class).get(keys.policy(QUEUE)) != null
                                    && redis.hash(String.class).hget(keys.targets(), QUEUE) != null;
                        });
        assertEquals(List.of(), markerWithoutTargets);
        assertTrue(
                loop.completedTicks() - lost <= 2,
                "restored after " + (loop.completedTicks() - lost) + " ticks");
        assertEquals(
                edited, Json.read(redis.value(String.class).get(keys.policy(QUEUE)), Policy.class));
        assertEquals(
                budget9, Json.read(redis.value(String.class).get(keys.settings()), Settings.class));
    }

    @Test
    void theTargetsHashHoldsExactlyTheManagedQueues() {
        String gone = "t-gone-" + LoopTestProfile.RUN;
        await().atMost(Duration.ofSeconds(60))
                .until(() -> redis.hash(String.class).hget(keys.targets(), QUEUE) != null);
        // What a tick that read a policy just before it was deleted writes back.
        redis.hash(String.class).hset(keys.targets(), gone, "3");
        redis.value(String.class).set(keys.target(gone), "{}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.hash(String.class).hget(keys.targets(), gone) == null);
        assertEquals(null, redis.value(String.class).get(keys.target(gone)));
        assertTrue(redis.hash(String.class).hget(keys.targets(), QUEUE) != null);
    }
}
