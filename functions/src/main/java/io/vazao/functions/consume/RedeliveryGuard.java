package io.vazao.functions.consume;

import com.rabbitmq.client.AMQP;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.functions.config.QueueBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The delivery limit. Quorum queues count deliveries themselves ({@code x-delivery-count}) and that
 * count is used as it is. Classic queues count nothing: a message seen with the redelivered flag is
 * counted in Redis by its message id (or a hash of its body); once it has been redelivered {@code
 * vazao.delivery.limit} times without being settled (the worker died on it each time, or its
 * connection did) it goes to the dead-letter queue instead of to the function. First deliveries
 * never touch Redis. Redis unreachable: the message is processed, as without the limit. The
 * consumer runs redelivered messages one at a time and counts each when it starts, so messages that
 * merely shared a prefetch window with the killer are not counted with it.
 */
@ApplicationScoped
public class RedeliveryGuard {

    /** Configuration of the delivery limit. */
    @ConfigMapping(prefix = "vazao.delivery")
    public interface Limit {
        /**
         * Redeliveries without settlement before the message is dead-lettered; 0 turns the limit
         * off.
         */
        @WithDefault(Policy.DEFAULT_DELIVERY_LIMIT_TEXT)
        int limit();

        /** How long the counts of a queue are remembered after its last redelivery. */
        @WithDefault("1h")
        Duration memory();
    }

    private static final Logger LOG = Logger.getLogger(RedeliveryGuard.class);

    private final RedisDataSource redis;
    private final String key;
    private final int configured;

    /** The queue's policy's limit, when it sets one (see PolicyWatcher). */
    private volatile Integer fromPolicy;

    private final long memoryMillis;
    private volatile boolean failing;

    @Inject
    public RedeliveryGuard(
            RedisDataSource redis, RedisKeys keys, QueueBinding binding, Limit config) {
        if (config.limit() < 0) {
            throw new IllegalArgumentException(
                    "vazao.delivery.limit must be >= 0, not " + config.limit());
        }
        this.redis = redis;
        this.key = keys.redeliveries(binding.queue());
        this.configured = config.limit();
        this.memoryMillis = config.memory().toMillis();
    }

    /** Counts one more redelivery; returns how many there have been, or 0 when it cannot count. */
    public long redelivered(AMQP.BasicProperties properties, byte[] body) {
        if (limit() == 0) {
            return 0;
        }
        Long counted = brokerCount(properties);
        if (counted != null) {
            return counted;
        }
        try {
            long n = redis.hash(Long.class).hincrby(key, identity(properties, body), 1);
            redis.key().pexpire(key, memoryMillis);
            failing = false;
            return n;
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf(
                        "event=delivery-limit-unavailable key=%s action=process error=\"%s\"",
                        key, e.getMessage());
            }
            return 0;
        }
    }

    /** True when a message redelivered this often must not reach the function again. */
    public boolean over(long redeliveries) {
        return over(redeliveries, limit());
    }

    static boolean over(long redeliveries, int limit) {
        return limit > 0 && redeliveries >= limit;
    }

    /** The limit in force: the policy's when it sets one, else {@code vazao.delivery.limit}. */
    public int limit() {
        return effective(fromPolicy, configured);
    }

    static int effective(Integer fromPolicy, int configured) {
        return fromPolicy != null ? fromPolicy : configured;
    }

    /** The policy's {@code deliveryLimit} (null: the worker's configuration applies). */
    public void setPolicyLimit(Integer limit) {
        fromPolicy = limit;
    }

    /** A redelivered message was settled: its count is no longer needed. */
    public void settled(AMQP.BasicProperties properties, byte[] body) {
        if (limit() == 0 || brokerCount(properties) != null) {
            return;
        }
        try {
            redis.hash(Long.class).hdel(key, identity(properties, body));
        } catch (RuntimeException e) {
            // the count expires with the hash
        }
    }

    /**
     * A redelivered message was given back to the broker without running: that delivery does not
     * count.
     */
    public void givenBack(AMQP.BasicProperties properties, byte[] body) {
        if (limit() == 0 || brokerCount(properties) != null) {
            return;
        }
        try {
            redis.hash(Long.class).hincrby(key, identity(properties, body), -1);
        } catch (RuntimeException e) {
            // at worst the message is dead-lettered one delivery early
        }
    }

    /**
     * A quorum queue's own count of a message's earlier deliveries, which it sets on every
     * redelivery: no Redis round trip is needed then. Null for classic queues.
     */
    static Long brokerCount(AMQP.BasicProperties properties) {
        Object n =
                properties == null || properties.getHeaders() == null
                        ? null
                        : properties.getHeaders().get(BROKER_COUNT);
        return n instanceof Number count ? count.longValue() : null;
    }

    /** The header a quorum queue counts deliveries in. */
    static final String BROKER_COUNT = "x-delivery-count";

    /** The message id when the publisher set one, else a hash of the body. */
    static String identity(AMQP.BasicProperties properties, byte[] body) {
        String id = properties == null ? null : properties.getMessageId();
        if (id != null && !id.isBlank()) {
            return "id:" + id;
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body);
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(long redeliveries) {
        return "redelivered " + redeliveries + " times without being settled";
    }
}
