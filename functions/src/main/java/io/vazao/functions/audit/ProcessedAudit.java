package io.vazao.functions.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.contract.RedisKeys;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;

/**
 * The processed-id audit ({@code vazao.audit.enabled}): ids of processed messages, added to the
 * queue's audit set in batches so the hot path never waits for Redis. Ids wait in memory while Redis
 * is unreachable.
 */
@ApplicationScoped
public class ProcessedAudit {

    private static final Logger LOG = Logger.getLogger(ProcessedAudit.class);
    private static final int BATCH = 1_000;

    private final boolean enabled;
    private final RedisDataSource redis;
    private final String key;
    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean failing;

    @Inject
    public ProcessedAudit(FunctionsConfig config, RedisDataSource redis, RedisKeys keys, QueueBinding binding) {
        this.enabled = config.audit().enabled();
        this.redis = redis;
        this.key = keys.auditProcessed(binding.queue());
    }

    public boolean enabled() {
        return enabled;
    }

    public void processed(String id) {
        if (enabled && id != null) {
            pending.add(id);
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
                redis.set(String.class).sadd(key, batch.toArray(String[]::new));
                if (failing) {
                    LOG.infof("event=audit-resumed key=%s", key);
                    failing = false;
                }
            } catch (RuntimeException e) {
                pending.addAll(batch);
                if (!failing) {
                    LOG.warnf("event=audit-failed key=%s pending=%d error=\"%s\"", key, pending.size(), e.getMessage());
                    failing = true;
                }
                return false;
            }
        }
        return true;
    }
}
