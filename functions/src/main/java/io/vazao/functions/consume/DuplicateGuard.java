package io.vazao.functions.consume;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vazao.contract.RedisKeys;
import io.vazao.functions.config.QueueBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The opt-in duplicate guard of a queue's policy ({@code duplicateWindowSeconds}): after a
 * message's function returned, its id is remembered in Redis for the window; a delivery of an id
 * remembered there is acked without running the function again. It costs two Redis round trips per
 * message (measured by bench/duplicate-guard-cost.sh), so it is off unless the policy asks for it.
 * Redis unreachable: the message is processed, as without the guard (at-least-once still holds).
 */
@ApplicationScoped
public class DuplicateGuard {

    private static final Logger LOG = Logger.getLogger(DuplicateGuard.class);

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final String queue;
    private volatile long windowMillis;
    private volatile boolean failing;

    @Inject
    public DuplicateGuard(RedisDataSource redis, RedisKeys keys, QueueBinding binding) {
        this.redis = redis;
        this.keys = keys;
        this.queue = binding.queue();
    }

    /** The policy's window; null or 0 turns the guard off. */
    public void setWindowSeconds(Integer seconds) {
        windowMillis = seconds == null || seconds <= 0 ? 0 : seconds * 1000L;
    }

    public boolean enabled() {
        return windowMillis > 0;
    }

    /** Whether this id's function already returned within the window. */
    public boolean processedBefore(String messageId) {
        if (!enabled() || messageId == null || messageId.isBlank()) {
            return false;
        }
        try {
            boolean seen = redis.key().exists(keys.processedId(queue, messageId));
            failing = false;
            return seen;
        } catch (RuntimeException e) {
            unavailable(e);
            return false;
        }
    }

    /** Remembers that this id's function returned. */
    public void remember(String messageId) {
        long window = windowMillis;
        if (window <= 0 || messageId == null || messageId.isBlank()) {
            return;
        }
        try {
            redis.value(String.class).psetex(keys.processedId(queue, messageId), window, "1");
        } catch (RuntimeException e) {
            unavailable(e);
        }
    }

    private void unavailable(RuntimeException e) {
        if (!failing) {
            failing = true;
            LOG.warnf(
                    "event=duplicate-guard-unavailable queue=%s action=process error=\"%s\"",
                    queue, e.getMessage());
        }
    }
}
