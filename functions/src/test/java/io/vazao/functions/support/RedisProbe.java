package io.vazao.functions.support;

import io.vazao.testsupport.TestKeys;
import java.util.Map;
import java.util.Set;

import redis.clients.jedis.RedisClient;

/** The real Redis on 127.0.0.1 seen from a test; cleans up only keys under the test's own prefix. */
public final class RedisProbe implements AutoCloseable {

    private final RedisClient redis = RedisClient.create("127.0.0.1", 6379);

    public Map<String, String> hash(String key) {
        return redis.hgetAll(key);
    }

    public boolean exists(String key) {
        return redis.exists(key);
    }

    public long pttl(String key) {
        return redis.pttl(key);
    }

    public long scard(String key) {
        return redis.scard(key);
    }

    public Set<String> members(String key) {
        return redis.smembers(key);
    }

    public Double zscore(String key, String member) {
        return redis.zscore(key, member);
    }

    public void set(String key, String value) {
        redis.set(key, value);
    }

    /** Deletes every key that starts with {@code prefix} (a test's own prefix, never vazao:). */
    public void deletePrefix(String prefix) {
        TestKeys.deleteAll(redis, prefix);
    }

    @Override
    public void close() {
        redis.close();
    }
}
