package io.vazao.policy.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.contract.Json;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Target;
import io.vazao.policy.lease.LeaderLease;
import io.vazao.policy.lease.LuaScript;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Publishes a tick's targets: every managed queue's target in ONE {@code HSET} of the targets hash
 * (readers never see half a tick, and the hash is never empty in between as with DEL + HSET), and
 * the per-queue detail, in one script that first checks the writer's fencing token against the
 * lease (fenced-targets.lua): a replica that lost the lease cannot overwrite its successor. After a
 * write, the targets of queues no longer managed are removed: the hash holds exactly the managed
 * queues, so a policy deleted while a tick ran does not keep its target.
 */
@ApplicationScoped
public class TargetWriter {

    private static final Logger LOG = Logger.getLogger(TargetWriter.class);
    static final String FENCED_WRITE = LuaScript.load("/io/vazao/policy/lease/fenced-targets.lua");

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final LeaderLease lease;

    public TargetWriter(RedisDataSource redis, RedisKeys keys, LeaderLease lease) {
        this.redis = redis;
        this.keys = keys;
        this.lease = lease;
    }

    /** Returns whether the targets were written (false: this replica does not hold the lease). */
    public boolean write(Map<String, Target> targets) {
        OptionalLong token = lease.token();
        if (targets.isEmpty() || token.isEmpty()) {
            return targets.isEmpty();
        }
        List<String> args = fencedWrite(keys, token.getAsLong(), targets);
        boolean written =
                RedisCalls.call(
                                "write targets",
                                () ->
                                        redis.execute("EVAL", args.toArray(String[]::new))
                                                .toInteger())
                        == 1;
        if (!written) {
            LOG.warnf(
                    "event=targets_refused token=%d reason=fenced queues=%d",
                    token.getAsLong(), targets.size());
            lease.lost(token.getAsLong());
            return false;
        }
        removeUnmanaged(targets.keySet());
        return true;
    }

    private void removeUnmanaged(java.util.Set<String> managed) {
        RedisCalls.call(
                "remove unmanaged targets",
                () -> {
                    List<String> gone =
                            redis.hash(String.class).hkeys(keys.targets()).stream()
                                    .filter(q -> !managed.contains(q))
                                    .toList();
                    if (!gone.isEmpty()) {
                        redis.hash(String.class).hdel(keys.targets(), gone.toArray(String[]::new));
                        redis.key().del(gone.stream().map(keys::target).toArray(String[]::new));
                    }
                    return null;
                });
    }

    /** EVAL arguments of fenced-targets.lua for these targets under this token. */
    public static List<String> fencedWrite(
            RedisKeys keys, long token, Map<String, Target> targets) {
        List<String> args = new ArrayList<>();
        args.add(FENCED_WRITE);
        args.add(Integer.toString(targets.size() + 4));
        args.add(keys.leaderLease());
        args.add(keys.targets());
        args.add(keys.targetsTick());
        args.add(keys.generation());
        targets.keySet().forEach(q -> args.add(keys.target(q)));
        args.add(Long.toString(token));
        targets.forEach(
                (q, t) -> {
                    args.add(q);
                    args.add(Integer.toString(t.target()));
                });
        targets.values().forEach(t -> args.add(Json.write(t)));
        return args;
    }
}
