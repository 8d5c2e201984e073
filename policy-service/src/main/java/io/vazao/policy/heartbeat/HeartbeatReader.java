package io.vazao.policy.heartbeat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.RedisKeys;
import io.vazao.policy.store.RedisCalls;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads workers' heartbeats: the per-queue index (sorted set, score = last seen) and each worker's
 * hash. Index members whose hash expired are removed, since the worker cannot come back under the
 * same id.
 */
@ApplicationScoped
public class HeartbeatReader {

    private final RedisKeys keys;
    private final SortedSetCommands<String, String> zsets;
    private final HashCommands<String, String, String> hashes;

    public HeartbeatReader(RedisDataSource redis, RedisKeys keys) {
        this.keys = keys;
        this.zsets = redis.sortedSet(String.class);
        this.hashes = redis.hash(String.class);
    }

    /**
     * Every worker the index of {@code queue} names whose heartbeat hash still exists. With {@code
     * dropStaleBefore} &gt; 0, index members last seen before that time are removed first.
     */
    public List<Heartbeat> workers(String queue, long dropStaleBefore) {
        return RedisCalls.call(
                "read heartbeats",
                () -> {
                    String index = keys.workers(queue);
                    if (dropStaleBefore > 0) {
                        zsets.zremrangebyscore(
                                index,
                                new ScoreRange<>(0.0, true, (double) dropStaleBefore, false));
                    }
                    List<Heartbeat> out = new ArrayList<>();
                    for (String id : zsets.zrange(index, 0, -1)) {
                        Map<String, String> hash = hashes.hgetall(keys.worker(id));
                        Heartbeat hb;
                        try {
                            hb = Heartbeat.fromHash(hash);
                        } catch (IllegalArgumentException e) {
                            hb = null;
                        }
                        if (hb == null) {
                            if (hash == null || hash.isEmpty()) {
                                zsets.zrem(index, id);
                            }
                            continue;
                        }
                        out.add(hb);
                    }
                    return out;
                });
    }
}
