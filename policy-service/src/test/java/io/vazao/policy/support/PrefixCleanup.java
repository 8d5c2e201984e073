package io.vazao.policy.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vazao.testsupport.TestKeys;
import java.util.Map;
import redis.clients.jedis.JedisPooled;

/**
 * Deletes every key under a test profile's prefix when the application of that profile stops: the
 * service bootstraps policies at each start, whatever order the test classes ran in. Args: {@code
 * prefix}.
 */
public class PrefixCleanup implements QuarkusTestResourceLifecycleManager {

    private String prefix;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.get("prefix");
    }

    @Override
    public Map<String, String> start() {
        return Map.of();
    }

    @Override
    public void stop() {
        if (prefix == null || prefix.isBlank()) {
            return;
        }
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            TestKeys.deleteAll(redis, prefix);
        } catch (RuntimeException e) {
            System.err.println("could not clean Redis prefix " + prefix + ": " + e);
        }
    }
}
