package io.vazao.policy.api;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Settings;

/**
 * The state the bootstrap leaves, written again for each test class (another class may have cleaned
 * up).
 */
final class TestSeeds {

    private TestSeeds() {}

    static void seed(RedisDataSource redis) {
        RedisKeys keys = new RedisKeys(ApiTestProfile.PREFIX);
        var values = redis.value(String.class);
        values.setnx(keys.settings(), Json.write(Settings.defaults()));
        values.setnx(keys.policy(ApiTestProfile.QUEUE_A), Json.write(Policy.defaults(0.4)));
        values.setnx(keys.policy(ApiTestProfile.QUEUE_B), Json.write(Policy.defaults(0.6)));
    }
}
