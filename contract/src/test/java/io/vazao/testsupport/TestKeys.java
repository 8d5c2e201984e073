package io.vazao.testsupport;

import io.vazao.contract.RedisKeys;
import redis.clients.jedis.commands.KeyCommands;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis side of a test's isolation: every test writes under a prefix of its own and removes it.
 */
public final class TestKeys {

    private TestKeys() {}

    /** Deletes every key under {@code prefix}; refuses an empty prefix and the production one. */
    public static void deleteAll(KeyCommands redis, String prefix) {
        requireTestPrefix(prefix);
        ScanParams match = new ScanParams().match(prefix + "*").count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            if (!page.getResult().isEmpty()) {
                redis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    /** What every helper that deletes by prefix checks first (whatever Redis client it holds). */
    public static void requireTestPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.startsWith(RedisKeys.DEFAULT_PREFIX)) {
            throw new IllegalArgumentException("refusing to delete keys under \"" + prefix + "\"");
        }
    }
}
