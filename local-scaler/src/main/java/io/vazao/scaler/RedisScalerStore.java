package io.vazao.scaler;

import io.vazao.contract.Heartbeat;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.ScalingEvent;
import io.vazao.contract.Settings;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/** {@link ScalerStore} on Redis, with the key layout of {@link RedisKeys}. */
public final class RedisScalerStore implements ScalerStore {

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private String lastTick;

    public RedisScalerStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Map<String, Integer> targets() {
        Map<String, Integer> out = new TreeMap<>();
        Response<Map<String, String>> hash;
        Response<Boolean> marker;
        Response<String> tick;
        try (AbstractPipeline p = redis.pipelined()) {
            hash = p.hgetAll(keys.targets());
            marker = p.exists(keys.generation());
            tick = p.get(keys.targetsTick());
            p.sync();
        }
        lastTick = tick.get();
        if (hash.get().isEmpty() && !marker.get()) {
            return null;
        }
        hash.get()
                .forEach(
                        (queue, value) -> {
                            try {
                                out.put(queue, Integer.parseInt(value.trim()));
                            } catch (NumberFormatException e) {
                                // A malformed entry is skipped rather than read as 0, which would
                                // stop the queue's workers.
                            }
                        });
        return out;
    }

    @Override
    public String targetsTick() {
        return lastTick;
    }

    @Override
    public Settings settings() {
        String json = redis.get(keys.settings());
        return json == null ? null : Json.read(json, Settings.class);
    }

    @Override
    public Map<String, Integer> standbyWorkers(Collection<String> queues) {
        Map<String, Integer> out = new HashMap<>();
        if (queues.isEmpty()) {
            return out;
        }
        List<String> names = List.copyOf(queues);
        List<String> policies = redis.mget(names.stream().map(keys::policy).toArray(String[]::new));
        for (int i = 0; i < names.size(); i++) {
            String json = policies.get(i);
            if (json == null) {
                continue;
            }
            try {
                Integer n = Json.read(json, Policy.class).standbyWorkers();
                if (n != null) {
                    out.put(names.get(i), Math.max(0, n));
                }
            } catch (IllegalArgumentException e) {
                // an unreadable policy leaves the queue at the scaler's own number
            }
        }
        return out;
    }

    @Override
    public Map<String, Liveness> liveness(Collection<String> workerIds) {
        Map<String, Liveness> out = new HashMap<>();
        if (workerIds.isEmpty()) {
            return out;
        }
        Map<String, Response<List<String>>> replies = new HashMap<>();
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : workerIds) {
                replies.put(
                        id, p.hmget(keys.worker(id), Heartbeat.F_LAST_SEEN, Heartbeat.F_RSS_BYTES));
            }
            p.sync();
        }
        replies.forEach(
                (id, reply) -> {
                    List<String> v = reply.get();
                    if (v != null && v.get(0) != null) {
                        try {
                            out.put(
                                    id,
                                    new Liveness(
                                            Long.parseLong(v.get(0)),
                                            v.get(1) == null ? 0 : Long.parseLong(v.get(1))));
                        } catch (NumberFormatException e) {
                            // not a heartbeat the scaler can read: treated as no heartbeat
                        }
                    }
                });
        return out;
    }

    @Override
    public Set<String> recycleRequests() {
        Response<Set<String>> ids;
        try (AbstractTransaction tx = redis.multi()) {
            ids = tx.smembers(keys.recycle());
            tx.del(keys.recycle());
            tx.exec();
        }
        return new HashSet<>(ids.get());
    }

    @Override
    public void writeActual(Map<String, Integer> actual) {
        try (AbstractTransaction tx = redis.multi()) {
            tx.del(keys.actual());
            if (!actual.isEmpty()) {
                Map<String, String> h = new TreeMap<>();
                actual.forEach((q, n) -> h.put(q, Integer.toString(n)));
                tx.hset(keys.actual(), h);
            }
            tx.exec();
        }
    }

    @Override
    public void appendEvents(List<ScalingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (AbstractPipeline p = redis.pipelined()) {
            for (ScalingEvent e : events) {
                p.xadd(
                        keys.events(),
                        XAddParams.xAddParams()
                                .maxLen(RedisKeys.EVENTS_MAX_LENGTH)
                                .approximateTrimming(),
                        e.toFields());
            }
            p.sync();
        }
    }

    @Override
    public void forgetWorkers(Map<String, String> exited) {
        if (exited.isEmpty()) {
            return;
        }
        try (AbstractPipeline p = redis.pipelined()) {
            exited.forEach(
                    (id, queue) -> {
                        p.del(keys.worker(id));
                        p.zrem(keys.workers(queue), id);
                    });
            p.sync();
        }
    }
}
