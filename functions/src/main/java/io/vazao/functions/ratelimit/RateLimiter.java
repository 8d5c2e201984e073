package io.vazao.functions.ratelimit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Keeps every worker of a queue together under the queue's {@code rateLimitPerSecond}. Tokens come
 * from the shared bucket in batches and are spent locally; while the shared bucket is unreachable
 * the last known limit is applied locally, split by the last known number of live workers, so the
 * queue neither stops nor runs unbounded.
 */
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** Longest single sleep, so that a new limit is noticed quickly. */
    private static final long MAX_SLEEP_MILLIS = 100;

    private static final long SHARED_RETRY_MILLIS = 1_000;

    private final TokenSource shared;
    private final String bucketKey;
    private final int prefetch;
    private final LongSupplier nanoClock;
    private final LocalTokenBucket fallback = new LocalTokenBucket();
    private final AtomicInteger localTokens = new AtomicInteger();
    private final Object refillLock = new Object();

    private volatile TokenBudget budget;
    private volatile int liveWorkers = 1;
    private volatile long sharedRetryAtNanos;
    private volatile boolean sharedDown;

    public RateLimiter(TokenSource shared, String bucketKey, int prefetch, LongSupplier nanoClock) {
        this.shared = shared;
        this.bucketKey = bucketKey;
        this.prefetch = prefetch;
        this.nanoClock = nanoClock;
    }

    /** Sets the queue-wide limit in messages per second; null or &lt;= 0 removes it. */
    public void setLimit(Double perSecond) {
        TokenBudget current = budget;
        if (perSecond == null || perSecond <= 0) {
            if (current != null) {
                LOG.infof(
                        "event=rate-limit-changed key=%s from=%.1f to=none",
                        bucketKey, current.rate());
            }
            budget = null;
            return;
        }
        if (current == null || current.rate() != perSecond) {
            LOG.infof(
                    "event=rate-limit-changed key=%s from=%s to=%.1f",
                    bucketKey,
                    current == null ? "none" : String.format("%.1f", current.rate()),
                    perSecond);
            budget = TokenBudget.of(perSecond, prefetch);
        }
    }

    public Double limit() {
        TokenBudget b = budget;
        return b == null ? null : b.rate();
    }

    /** Live workers of the queue, used to share the limit while Redis is unreachable. */
    public void setLiveWorkers(int workers) {
        liveWorkers = Math.max(1, workers);
    }

    /** Blocks until this worker may process one more message. */
    public void acquire() throws InterruptedException {
        long wait;
        while ((wait = tryAcquire()) > 0) {
            TimeUnit.MILLISECONDS.sleep(Math.min(MAX_SLEEP_MILLIS, wait));
        }
    }

    /**
     * Takes a token if one is to be had now: returns 0 if so, else milliseconds to wait before
     * retrying.
     */
    public long tryAcquire() {
        TokenBudget b = budget;
        if (b == null || takeLocal()) {
            return 0;
        }
        synchronized (refillLock) {
            if (takeLocal()) {
                return 0;
            }
            return refill(b);
        }
    }

    private boolean takeLocal() {
        int n;
        do {
            n = localTokens.get();
            if (n <= 0) {
                return false;
            }
        } while (!localTokens.compareAndSet(n, n - 1));
        return true;
    }

    /**
     * Fetches a batch; keeps one for the caller. Returns 0 when the caller may go, else ms to wait.
     */
    private long refill(TokenBudget b) {
        long now = nanoClock.getAsLong();
        if (!sharedDown || now >= sharedRetryAtNanos) {
            try {
                TokenSource.Grant g = shared.take(bucketKey, b, b.batch());
                if (sharedDown) {
                    LOG.infof("event=rate-limit-shared-again key=%s", bucketKey);
                    sharedDown = false;
                }
                return grant(g.granted(), g.waitMillis());
            } catch (Exception e) {
                if (!sharedDown) {
                    LOG.warnf(
                            "event=rate-limit-local key=%s limit=%.1f liveWorkers=%d error=\"%s\"",
                            bucketKey, b.rate(), liveWorkers, e);
                    sharedDown = true;
                }
                sharedRetryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(SHARED_RETRY_MILLIS);
            }
        }
        TokenBudget mine = b.share(liveWorkers, prefetch);
        int granted = fallback.take(mine.rate(), mine.capacity(), mine.batch(), now);
        return grant(granted, fallback.waitMillis(mine.rate(), mine.capacity(), mine.batch()));
    }

    private long grant(int granted, long waitMillis) {
        if (granted > 0) {
            localTokens.addAndGet(granted - 1);
            return 0;
        }
        return Math.max(1, waitMillis);
    }

    /** True while tokens are drawn locally because the shared bucket is unreachable. */
    public boolean local() {
        return sharedDown;
    }
}
