package io.vazao.contract;

import java.util.Objects;

/**
 * The one place where vazao's Redis key layout is spelled out. Every part builds its keys here so
 * the writer and the readers of a key cannot drift apart. The prefix is configurable so that
 * several installations (or test runs) can share one Redis.
 */
public final class RedisKeys {

    public static final String DEFAULT_PREFIX = "vazao:";

    /** Approximate cap of the events stream (XADD MAXLEN ~). */
    public static final long EVENTS_MAX_LENGTH = 10_000;

    private final String prefix;

    public RedisKeys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("Redis key prefix must not be blank");
        }
        this.prefix = prefix.endsWith(":") ? prefix : prefix + ":";
    }

    public static RedisKeys defaults() {
        return new RedisKeys(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /** {@code vazao:policy:{queue}} — JSON {@link Policy}, written by the API. */
    public String policy(String queue) {
        return prefix + "policy:" + requireName(queue);
    }

    /** Pattern matching every policy key, for SCAN. */
    public String policyPattern() {
        return prefix + "policy:*";
    }

    /** The queue a policy key belongs to, or null if the key is not a policy key. */
    public String queueOfPolicyKey(String key) {
        String head = prefix + "policy:";
        return key != null && key.startsWith(head) ? key.substring(head.length()) : null;
    }

    /** {@code vazao:settings} — JSON {@link Settings}, written by the API. */
    public String settings() {
        return prefix + "settings";
    }

    /**
     * {@code vazao:targets} — hash queue → integer, written by the policy service in one command.
     */
    public String targets() {
        return prefix + "targets";
    }

    /** {@code vazao:target:{queue}} — JSON {@link Target} with reason and inputs. */
    public String target(String queue) {
        return prefix + "target:" + requireName(queue);
    }

    /** {@code vazao:worker:{workerId}} — heartbeat hash, see {@link Heartbeat}. */
    public String worker(String workerId) {
        return prefix + "worker:" + requireName(workerId);
    }

    /** {@code vazao:workers:{queue}} — sorted set workerId → lastSeen (epoch ms). */
    public String workers(String queue) {
        return prefix + "workers:" + requireName(queue);
    }

    /** {@code vazao:events} — capped stream of {@link ScalingEvent}s. */
    public String events() {
        return prefix + "events";
    }

    /**
     * {@code vazao:targets:tick} — a counter every target write increments, in the same script: a
     * reader that sees it stand still for several ticks knows the targets are stale (see {@link
     * TargetFreshness}).
     */
    public String targetsTick() {
        return prefix + "targets:tick";
    }

    /**
     * {@code vazao:recycle} — set of worker ids the policy service asked to be replaced (RSS over
     * the limit). The local scaler takes the whole set each pass; it expires after {@link
     * #RECYCLE_TTL_MILLIS} so that requests nobody takes (under KEDA) do not pile up.
     */
    public String recycle() {
        return prefix + "recycle";
    }

    /**
     * {@code vazao:dedup:{queue}:{messageId}} — a message id the queue's workers processed, kept
     * for the policy's {@code duplicateWindowSeconds} (the opt-in duplicate guard).
     */
    public String processedId(String queue, String messageId) {
        return prefix + "dedup:" + requireName(queue) + ":" + requireName(messageId);
    }

    /** How long an untaken recycle request lives. */
    public static final long RECYCLE_TTL_MILLIS = 300_000;

    /** {@code vazao:ratelimit:{queue}} — distributed token bucket state. */
    public String rateLimit(String queue) {
        return prefix + "ratelimit:" + requireName(queue);
    }

    /**
     * {@code vazao:generation} — marker the policy service writes once it has stored policies and
     * settings; a Redis that comes back without it has lost its data, and the policy service
     * restores them from its last known copy.
     */
    public String generation() {
        return prefix + "generation";
    }

    /** {@code vazao:actual} — hash queue → worker processes the local scaler really runs. */
    public String actual() {
        return prefix + "actual";
    }

    /**
     * {@code vazao:audit:processed:{queue}} — set of processed message ids, written only when a
     * worker runs with the processed-id audit on (end-to-end tests and "lost = 0" proofs).
     */
    public String auditProcessed(String queue) {
        return prefix + "audit:processed:" + requireName(queue);
    }

    /**
     * {@code vazao:redeliveries:{queue}} — hash message id → deliveries seen with the redelivered
     * flag and not settled yet; written only for redelivered messages (the delivery limit on
     * classic queues).
     */
    public String redeliveries(String queue) {
        return prefix + "redeliveries:" + requireName(queue);
    }

    /**
     * {@code vazao:audit:duplicates:{queue}} — how many processed ids were already in the audit
     * set: messages whose function ran more than once (at-least-once delivery), counted by the same
     * audit.
     */
    public String auditDuplicates(String queue) {
        return prefix + "audit:duplicates:" + requireName(queue);
    }

    /**
     * {@code vazao:leader} — the control loop's lease: {@code "<fencing token> <holder id>"} with a
     * time to live; only the holder's token may write {@link #targets()}.
     */
    public String leaderLease() {
        return prefix + "leader";
    }

    /** {@code vazao:leader:fence} — counter that hands out the lease's fencing tokens (INCR). */
    public String leaderFence() {
        return prefix + "leader:fence";
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return name;
    }
}
