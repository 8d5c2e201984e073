package io.vazao.functions.ratelimit;

/**
 * An in-process token bucket, used while Redis is unreachable. Pure: time is passed in, so its
 * bound (tokens granted over any span &lt;= capacity + rate × span) is property-tested.
 */
public final class LocalTokenBucket {

    private double tokens;
    private long lastNanos;
    private boolean started;

    /**
     * Takes up to {@code wanted} tokens at {@code nowNanos}.
     *
     * @return tokens granted (0..wanted)
     */
    public synchronized int take(double rate, double capacity, int wanted, long nowNanos) {
        if (rate <= 0 || wanted <= 0) {
            return 0;
        }
        if (!started) {
            tokens = capacity;
            lastNanos = nowNanos;
            started = true;
        }
        if (nowNanos > lastNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * rate / 1e9);
            lastNanos = nowNanos;
        }
        tokens = Math.min(tokens, capacity);
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }

    /** Milliseconds until {@code wanted} tokens (at most capacity) are available. */
    public synchronized long waitMillis(double rate, double capacity, int wanted) {
        double missing = Math.min(wanted, capacity) - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing * 1000 / rate);
    }
}
