package io.vazao.functions.ratelimit;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.consume.DuplicateGuard;
import io.vazao.functions.consume.RedeliveryGuard;
import io.vazao.functions.consume.RetryPlans;
import io.vazao.functions.heartbeat.HeartbeatReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Re-reads the queue's policy for its rate limit and its retry settings (and counts the queue's
 * live workers for the local fallback). Unreadable or missing policy, or Redis down: the last ones
 * stay.
 */
@ApplicationScoped
public class PolicyWatcher {

    private static final Logger LOG = Logger.getLogger(PolicyWatcher.class);

    private final RedisDataSource redis;
    private final String policyKey;
    private final String workersKey;
    private final RateLimiter limiter;
    private final RetryPlans retryPlans;
    private final RedeliveryGuard redeliveries;
    private final DuplicateGuard duplicates;
    private final long liveWindowMillis;
    private volatile String lastProblem;
    private final CurrentPolicy current;

    @Inject
    public PolicyWatcher(
            RedisDataSource redis,
            RedisKeys keys,
            QueueBinding binding,
            RateLimiter limiter,
            HeartbeatReporter heartbeat,
            RetryPlans retryPlans,
            RedeliveryGuard redeliveries,
            DuplicateGuard duplicates,
            CurrentPolicy current) {
        this.current = current;
        this.retryPlans = retryPlans;
        this.redeliveries = redeliveries;
        this.duplicates = duplicates;
        this.redis = redis;
        this.policyKey = keys.policy(binding.queue());
        this.workersKey = keys.workers(binding.queue());
        this.limiter = limiter;
        this.liveWindowMillis = heartbeat.interval().toMillis() * 3;
    }

    public void refresh() {
        String json;
        try {
            json = redis.value(String.class).get(policyKey);
            long live =
                    redis.sortedSet(String.class)
                            .zcount(
                                    workersKey,
                                    ScoreRange.from(
                                            (double)
                                                    (System.currentTimeMillis() - liveWindowMillis),
                                            Double.POSITIVE_INFINITY));
            limiter.setLiveWorkers((int) Math.min(Integer.MAX_VALUE, live));
        } catch (RuntimeException e) {
            problem("redis", e.getMessage());
            return;
        }
        if (json == null) {
            // A Redis that restarted empty is not a lifted limit: the last one stays until the
            // policy
            // service restores the policy.
            problem("policy", "no policy stored");
            return;
        }
        try {
            Policy policy = Json.read(json, Policy.class);
            current.set(policy);
            limiter.setLimit(policy.rateLimitPerSecond());
            retryPlans.update(policy.retry());
            redeliveries.setPolicyLimit(policy.deliveryLimit());
            duplicates.setWindowSeconds(policy.duplicateWindowSeconds());
            lastProblem = null;
        } catch (IllegalArgumentException e) {
            problem("policy", e.getMessage());
        }
    }

    private void problem(String kind, String message) {
        String p = kind + ":" + message;
        if (!p.equals(lastProblem)) {
            LOG.warnf(
                    "event=policy-unreadable key=%s cause=%s keepingLimit=%s error=\"%s\"",
                    policyKey, kind, limiter.limit(), message);
            lastProblem = p;
        }
    }
}
