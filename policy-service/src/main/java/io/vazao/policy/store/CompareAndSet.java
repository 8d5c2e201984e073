package io.vazao.policy.store;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Conditional writes done inside Redis, so that no other writer can come between the version check
 * and the write: a stale writer changes nothing, and an update racing a delete cannot re-create
 * what was deleted. The version of a value is the SHA-1 of its JSON ({@link Versioned#tagOf}).
 */
final class CompareAndSet {

    /** KEYS[1] = the value; ARGV[1] = expected version; ARGV[2] = the new JSON. 1 = written. */
    private static final String SET_IF =
            """
            local cur = redis.call('GET', KEYS[1])
            local tag = cur and redis.sha1hex(cur) or 'absent'
            if tag ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2])
            return 1
            """;

    /**
     * KEYS[1] = the policy, KEYS[2] = the targets hash, KEYS[3] = the queue's target; ARGV[1] =
     * expected version, ARGV[2] = the queue. 1 = deleted, 0 = other version, -1 = nothing there.
     */
    private static final String DELETE_POLICY_IF =
            """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return -1 end
            if redis.sha1hex(cur) ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HDEL', KEYS[2], ARGV[2])
            redis.call('DEL', KEYS[3])
            return 1
            """;

    private CompareAndSet() {}

    static boolean setIf(RedisDataSource redis, String key, String expectedTag, String json) {
        return redis.execute("EVAL", SET_IF, "1", key, expectedTag, json).toInteger() == 1;
    }

    static int deletePolicyIf(
            RedisDataSource redis,
            String policyKey,
            String targetsKey,
            String targetKey,
            String expectedTag,
            String queue) {
        return redis.execute(
                        "EVAL",
                        DELETE_POLICY_IF,
                        "3",
                        policyKey,
                        targetsKey,
                        targetKey,
                        expectedTag,
                        queue)
                .toInteger();
    }
}
