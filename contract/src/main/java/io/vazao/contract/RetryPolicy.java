package io.vazao.contract;

import java.util.List;
import java.util.Set;

/**
 * How a queue's workers retry a message whose function failed, as the {@code retry} field of its
 * {@link Policy}. The delay before attempt n+1 is {@code firstDelayMillis × multiplier^(n-1)}, at
 * most {@code maxDelayMillis}. Absent from a policy, a worker keeps its own configuration ({@code
 * vazao.retry.*}).
 *
 * @param attempts function calls per message before it is dead-lettered (1 = no retry)
 * @param firstDelayMillis delay before the second attempt
 * @param multiplier growth of the delay from one retry to the next (&gt;= 1)
 * @param maxDelayMillis cap of one delay
 * @param retriedReasons reasons that are retried at all; a malformed body is never retried
 */
public record RetryPolicy(
        int attempts,
        long firstDelayMillis,
        double multiplier,
        long maxDelayMillis,
        List<String> retriedReasons) {

    /** The reason of a function that failed: the only one a retry can cure. */
    public static final String REASON_FAILED = "failed";

    /**
     * Reasons of a body that cannot be read: retrying it gives the same answer, so they are never
     * retried.
     */
    public static final Set<String> MALFORMED_REASONS =
            Set.of("invalid-json", "wrong-shape", "wrong-type", "oversized");

    /** Reasons a policy may list in {@code retriedReasons}. */
    public static final Set<String> RETRYABLE_REASONS = Set.of(REASON_FAILED);

    public RetryPolicy {
        retriedReasons =
                retriedReasons == null ? List.of(REASON_FAILED) : List.copyOf(retriedReasons);
    }

    public boolean retries(String reason) {
        return retriedReasons.contains(reason);
    }

    /** Delay after {@code failedAttempts} failed attempts, capped. */
    public long delayAfterMillis(int failedAttempts) {
        if (failedAttempts < 1) {
            return 0;
        }
        double d = firstDelayMillis * Math.pow(multiplier, failedAttempts - 1);
        return (long) Math.min(d, (double) maxDelayMillis);
    }
}
