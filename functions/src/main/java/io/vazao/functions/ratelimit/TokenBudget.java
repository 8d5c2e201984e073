package io.vazao.functions.ratelimit;

/**
 * How a queue-wide rate limit is drawn by one worker: batch size (tokens per Redis call, so the hot
 * path pays one round trip per batch, not per message) and bucket capacity (the largest burst).
 * Pure arithmetic.
 */
public record TokenBudget(double rate, int batch, double capacity) {

    /** Aim for about this many Redis calls per second per queue at most, whatever the rate. */
    static final double CALLS_PER_SECOND = 40;

    public static TokenBudget of(double rate, int prefetch) {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        int batch =
                (int)
                        Math.max(
                                1,
                                Math.min(
                                        Math.max(1, prefetch), Math.ceil(rate / CALLS_PER_SECOND)));
        // A tenth of a second of tokens: small bursts only, so the limit holds over short windows
        // too.
        double capacity = Math.max(batch, rate / 10);
        return new TokenBudget(rate, batch, capacity);
    }

    /** The same limit split over {@code workers} workers that cannot coordinate (Redis down). */
    public TokenBudget share(int workers, int prefetch) {
        return of(rate / Math.max(1, workers), prefetch);
    }
}
