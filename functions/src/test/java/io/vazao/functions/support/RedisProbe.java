package io.vazao.functions.support;

import io.vazao.testsupport.TestKeys;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The real Redis on 127.0.0.1 seen from a test; cleans up only keys under the test's own prefix.
 */
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

    /** How many keys match a glob pattern (SCAN: never KEYS on the shared Redis). */
    public long countMatching(String pattern) {
        ScanParams match = new ScanParams().match(pattern).count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        long n = 0;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            n += page.getResult().size();
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return n;
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
