package io.vazao.policy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Settings;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.loop.Bootstrap;
import io.vazao.policy.store.PolicyStore;
import io.vazao.policy.support.RedisDump;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** First start creates the seed-style policies and default settings, and never overwrites them. */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class BootstrapTest {

    @Inject RedisDataSource redis;
    @Inject PolicyStore store;
    @Inject VazaoConfig config;

    @Test
    void createsWhatIsMissingAndKeepsWhatExists() {
        RedisDump.deleteAll(redis, ApiTestProfile.PREFIX);
        new Bootstrap(store, config).ensure();
        RedisKeys keys = new RedisKeys(ApiTestProfile.PREFIX);
        var values = redis.value(String.class);
        assertEquals(
                Policy.defaults(0.4),
                Json.read(values.get(keys.policy(ApiTestProfile.QUEUE_A)), Policy.class));
        assertEquals(
                Policy.defaults(0.6),
                Json.read(values.get(keys.policy(ApiTestProfile.QUEUE_B)), Policy.class));
        Policy seedA = Policy.defaults(0.4);
        assertEquals(1, seedA.minWorkers());
        assertEquals(10, seedA.maxWorkers());
        assertEquals(200, seedA.messagesPerWorker());
        assertEquals(Settings.defaults(), Json.read(values.get(keys.settings()), Settings.class));

        Policy changed = Policy.defaults(0.9);
        values.set(keys.policy(ApiTestProfile.QUEUE_A), Json.write(changed));
        new Bootstrap(store, config).ensure();
        assertEquals(
                changed, Json.read(values.get(keys.policy(ApiTestProfile.QUEUE_A)), Policy.class));
    }

    @Test
    void parsesQueueAndWeightEntries() {
        assertEquals(Map.of("a", 0.4, "b", 1.0), Bootstrap.parse(List.of("a:0.4", " b ")));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.parse(List.of("a:-1")));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.parse(List.of("a:x")));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.parse(List.of("-a")));
    }

    @AfterEach
    void cleanUp() {
        // The other classes of this profile seed what they need in @BeforeAll.
        RedisDump.deleteAll(redis, ApiTestProfile.PREFIX);
    }
}
