package io.vazao.policy.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vazao.contract.Json;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Target;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a tick's targets: every managed queue's target in ONE {@code HSET} of the targets hash
 * (readers never see half a tick, and the hash is never empty in between as with DEL + HSET), then
 * the per-queue detail in one {@code MSET}; then removes the targets of queues no longer managed.
 */
@ApplicationScoped
public class TargetWriter {

    private final RedisKeys keys;
    private final HashCommands<String, String, String> hashes;
    private final ValueCommands<String, String> values;
    private final RedisDataSource redis;

    public TargetWriter(RedisDataSource redis, RedisKeys keys) {
        this.keys = keys;
        this.redis = redis;
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
            // Exactly the managed queues: a policy deleted while this tick ran loses its target now.
            List<String> gone = hashes.hkeys(keys.targets()).stream().filter(q -> !fields.containsKey(q)).toList();
            if (!gone.isEmpty()) {
                hashes.hdel(keys.targets(), gone.toArray(String[]::new));
                redis.key().del(gone.stream().map(keys::target).toArray(String[]::new));
            }
            return null;
        });
    }
}
