package io.vazao.functions.audit;

import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.contract.RedisKeys;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * The processed-id audit ({@code vazao.audit.enabled}): ids of processed messages in the queue's
 * audit set. An id is added before its message is acked: a worker killed right after an ack must
 * not leave a processed id out of the set, or the set could no longer prove that nothing was lost.
 * That costs a Redis round trip per message, which is why the audit is off by default. While Redis
 * is unreachable ids wait in memory and are written in batches when it returns. The audit has a
 * Redis client of its own ({@code quarkus.redis.audit.hosts}, by default the control plane's
 * Redis), so a proof can keep it where a fault of the control plane's Redis cannot erase it.
 */
@ApplicationScoped
public class ProcessedAudit {

    private static final Logger LOG = Logger.getLogger(ProcessedAudit.class);
    private static final int BATCH = 1_000;

    private final boolean enabled;
    private final RedisDataSource redis;
    private final String key;
    private final String duplicatesKey;
    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean failing;

    @Inject
    public ProcessedAudit(
            FunctionsConfig config,
            @RedisClientName("audit") RedisDataSource redis,
            RedisKeys keys,
            QueueBinding binding) {
        this.enabled = config.audit().enabled();
        this.redis = redis;
        this.key = keys.auditProcessed(binding.queue());
        this.duplicatesKey = keys.auditDuplicates(binding.queue());
    }

    public boolean enabled() {
        return enabled;
    }

    /** Records a processed id; call it before the message is acked. */
    public void processed(String id) {
        if (!enabled || id == null) {
            return;
        }
        if (!failing) {
            try {
                countDuplicates(1, redis.set(String.class).sadd(key, id));
                return;
            } catch (RuntimeException e) {
                LOG.warnf("event=audit-failed key=%s error=\"%s\"", key, e.getMessage());
                failing = true;
            }
        }
        pending.add(id);
    }

    /**
     * Ids that were in the set already ran their function more than once: counted beside the set.
     */
    private void countDuplicates(int written, int added) {
        if (added < written) {
            redis.value(Long.class).incrby(duplicatesKey, written - added);
        }
    }

    /** Writes what is pending; returns false if Redis refused (the ids stay pending). */
    public synchronized boolean flush() {
        while (!pending.isEmpty()) {
            List<String> batch = new ArrayList<>(BATCH);
            for (String id; batch.size() < BATCH && (id = pending.peek()) != null; ) {
                batch.add(id);
                pending.poll();
            }
            try {
                countDuplicates(
                        batch.size(),
                        redis.set(String.class).sadd(key, batch.toArray(String[]::new)));
                if (failing) {
                    LOG.infof("event=audit-resumed key=%s", key);
                    failing = false;
                }
            } catch (RuntimeException e) {
                pending.addAll(batch);
                if (!failing) {
                    LOG.warnf(
                            "event=audit-failed key=%s pending=%d error=\"%s\"",
                            key, pending.size(), e.getMessage());
                    failing = true;
                }
                return false;
            }
        }
        return true;
    }
}
