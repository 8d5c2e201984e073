package io.vazao.policy.deadletter;

/**
 * When the next replayed message may go: message n (0-based) is due n / rate seconds after the
 * start, so a slow stretch is caught up at once but the average never exceeds the rate. Pure.
 */
public record ReplayPace(Double ratePerSecond) {

    /**
     * Nanoseconds to wait before message {@code sent} (the number already sent), given the time
     * since the start.
     */
    public long waitNanos(long sent, long elapsedNanos) {
        if (ratePerSecond == null || ratePerSecond <= 0) {
            return 0;
        }
        double due = sent * 1e9 / ratePerSecond;
        return Math.max(0, (long) Math.ceil(due - elapsedNanos));
    }
}
