package io.vazao.policy.support;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.KeyScanCursor;
import io.vazao.testsupport.TestKeys;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every key under a prefix with its serialized value (DUMP): two equal dumps mean nothing was
 * written.
 */
public final class RedisDump {

    private RedisDump() {}

    public static Map<String, String> of(RedisDataSource redis, String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (String key : keys(redis, prefix)) {
            var value = redis.execute("DUMP", key);
            out.put(
                    key,
                    value == null ? "<gone>" : Base64.getEncoder().encodeToString(value.toBytes()));
        }
        return out;
    }

    public static List<String> keys(RedisDataSource redis, String prefix) {
        List<String> keys = new ArrayList<>();
        KeyScanCursor<String> cursor =
                redis.key().scan(new KeyScanArgs().match(prefix + "*").count(500));
        while (cursor.hasNext()) {
            keys.addAll(cursor.next());
        }
        return keys;
    }

    /**
     * Deletes every key under the test's own prefix (the service's own client; else {@link
     * TestKeys}).
     */
    public static void deleteAll(RedisDataSource redis, String prefix) {
        TestKeys.requireTestPrefix(prefix);
        List<String> keys = keys(redis, prefix);
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }
}
