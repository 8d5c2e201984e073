package io.vazao.policy.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vazao.contract.Json;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Target;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes a tick's targets: every managed queue's target in ONE {@code HSET} of the targets hash
 * (readers never see half a tick, and the hash is never empty in between as with DEL + HSET), then
 * the per-queue detail in one {@code MSET}.
 */
@ApplicationScoped
public class TargetWriter {

    private final RedisKeys keys;
    private final HashCommands<String, String, String> hashes;
    private final ValueCommands<String, String> values;

    public TargetWriter(RedisDataSource redis, RedisKeys keys) {
        this.keys = keys;
        this.hashes = redis.hash(String.class);
        this.values = redis.value(String.class);
    }

    public void write(Map<String, Target> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        targets.forEach((queue, t) -> {
            fields.put(queue, Integer.toString(t.target()));
            details.put(keys.target(queue), Json.write(t));
        });
        RedisCalls.call("write targets", () -> {
            hashes.hset(keys.targets(), fields);
            values.mset(details);
            return null;
        });
    }
}
