package io.vazao.policy.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Deletes every key under a test profile's prefix when the application of that profile stops: the
 * service bootstraps policies at each start, whatever order the test classes ran in.
 * Args: {@code prefix}.
 */
public class PrefixCleanup implements QuarkusTestResourceLifecycleManager {

    private String prefix;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.get("prefix");
    }

    @Override
    public Map<String, String> start() {
        return Map.of();
    }

    @Override
    public void stop() {
        if (prefix == null || prefix.isBlank()) {
            return;
        }
        Vertx vertx = Vertx.vertx();
        try {
            RedisAPI api = RedisAPI.api(Redis.createClient(vertx, "redis://127.0.0.1:6379"));
            List<String> keys = new ArrayList<>();
            String cursor = "0";
            do {
                Response page = api.scan(List.of(cursor, "MATCH", prefix + "*", "COUNT", "1000"))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                cursor = page.get(0).toString();
                page.get(1).forEach(k -> keys.add(k.toString()));
            } while (!cursor.equals("0"));
            if (!keys.isEmpty()) {
                api.del(keys).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            api.close();
        } catch (Exception e) {
            System.err.println("could not clean Redis prefix " + prefix + ": " + e);
        } finally {
            vertx.close();
        }
    }
}
