package io.vazao.policy.dashboard;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads every managed queue's weight, worker index and heartbeats from Redis and sorts the workers
 * into live and stale. A worker is stale when its index entry is older than the heartbeat timeout
 * or its heartbeat hash has already expired: it stopped reporting without deregistering.
 */
final class WorkerScan {

    record Result(
            List<Heartbeat> live, Map<String, Integer> staleByQueue, Map<String, Double> weights) {}

    private WorkerScan() {}

    static Result read(RedisDataSource redis, RedisKeys keys, long now) {
        long timeout = heartbeatTimeout(redis, keys);
        List<Heartbeat> live = new ArrayList<>();
        Map<String, Integer> stale = new TreeMap<>();
        Map<String, Double> weights = new TreeMap<>();
        for (String queue : managedQueues(redis, keys)) {
            weight(redis.value(String.class).get(keys.policy(queue)))
                    .ifPresent(w -> weights.put(queue, w));
            int staleCount = 0;
            for (ScoredValue<String> entry :
                    redis.sortedSet(String.class).zrangeWithScores(keys.workers(queue), 0, -1)) {
                Heartbeat hb = parse(redis.hash(String.class).hgetall(keys.worker(entry.value())));
                long lastSeen = hb != null ? hb.lastSeen() : (long) entry.score();
                if (hb == null || now - lastSeen > timeout) {
                    staleCount++;
                } else {
                    live.add(hb);
                }
            }
            stale.put(queue, staleCount);
        }
        return new Result(live, stale, weights);
    }

    private static List<String> managedQueues(RedisDataSource redis, RedisKeys keys) {
        List<String> queues = new ArrayList<>();
        for (String key :
                redis.key()
                        .scan(new KeyScanArgs().match(keys.policyPattern()).count(100))
                        .toIterable()) {
            String queue = keys.queueOfPolicyKey(key);
            if (queue != null && !queue.isEmpty()) {
                queues.add(queue);
            }
        }
        return queues;
    }

    private static long heartbeatTimeout(RedisDataSource redis, RedisKeys keys) {
        String json = redis.value(String.class).get(keys.settings());
        if (json != null) {
            try {
                long t = Json.read(json, Settings.class).heartbeatTimeoutMillis();
                if (t > 0) {
                    return t;
                }
            } catch (IllegalArgumentException e) {
                // The API validates settings; a broken value falls back to the default here.
            }
        }
        return Settings.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS;
    }

    private static Optional<Double> weight(String policyJson) {
        if (policyJson == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(policyJson, Policy.class).weight());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Heartbeat parse(Map<String, String> hash) {
        try {
            return Heartbeat.fromHash(hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
