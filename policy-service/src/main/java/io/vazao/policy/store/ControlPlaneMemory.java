package io.vazao.policy.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Redis is the control plane's cache, not its memory: the policy service keeps the policies and
 * settings it last read and, when Redis comes back without the generation marker (restarted empty,
 * flushed), writes them back before the tick goes on. Each value is written only if absent, so a
 * change made through the API after the loss wins over the copy. The marker itself is written with
 * the tick's targets (fenced-targets.lua), never before them: readers take "marker, no targets" for
 * "every target 0".
 */
@ApplicationScoped
public class ControlPlaneMemory {

    private static final Logger LOG = Logger.getLogger(ControlPlaneMemory.class);

    private final RedisKeys keys;
    private final ValueCommands<String, String> values;
    private Settings settings;
    private Map<String, Policy> policies = Map.of();

    public ControlPlaneMemory(RedisDataSource redis, RedisKeys keys) {
        this.keys = keys;
        this.values = redis.value(String.class);
    }

    /** What one tick read from Redis: the copy a lost Redis gets back. */
    public synchronized void remember(Settings settings, Map<String, Policy> policies) {
        this.settings = settings;
        this.policies = Map.copyOf(new TreeMap<>(policies));
    }

    /**
     * Restores the last known copy if Redis lost it; true when it wrote something back. Call before
     * anything reads policies in a tick. Without a copy (first start) the bootstrap fills in the
     * defaults.
     */
    public synchronized boolean restoreIfLost() {
        return RedisCalls.call(
                "check generation",
                () -> {
                    if (values.get(keys.generation()) != null) {
                        return false;
                    }
                    int restored = 0;
                    if (settings != null) {
                        if (values.setnx(keys.settings(), Json.write(settings))) {
                            restored++;
                        }
                        for (Map.Entry<String, Policy> e : policies.entrySet()) {
                            if (values.setnx(keys.policy(e.getKey()), Json.write(e.getValue()))) {
                                restored++;
                            }
                        }
                    }
                    if (restored > 0) {
                        LOG.warnf(
                                "event=control_plane_restored reason=generation_marker_missing policies=%d written=%d",
                                policies.size(), restored);
                    }
                    return restored > 0;
                });
    }
}
