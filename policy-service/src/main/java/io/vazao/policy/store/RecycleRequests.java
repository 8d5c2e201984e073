package io.vazao.policy.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.contract.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Asks the actuator to replace a worker, on a key of its own: the events stream says the same for
 * people, but it is trimmed and a reader that falls behind would miss a request.
 */
@ApplicationScoped
public class RecycleRequests {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public RecycleRequests(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public void request(String workerId) {
        RedisCalls.call(
                "request recycle",
                () -> {
                    redis.set(String.class).sadd(keys.recycle(), workerId);
                    redis.key()
                            .pexpire(
                                    keys.recycle(),
                                    Duration.ofMillis(RedisKeys.RECYCLE_TTL_MILLIS));
                    return null;
                });
    }
}
