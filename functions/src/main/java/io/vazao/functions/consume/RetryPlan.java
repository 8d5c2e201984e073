package io.vazao.functions.consume;

import io.vazao.contract.RetryPolicy;
import java.time.Duration;
import java.util.List;

/**
 * What to do after a failed attempt: give up (dead letter), wait here and call again, or leave the
 * prefetch slot and come back through a delay queue. Waits up to {@code inPlaceMax} are cheaper in
 * place (no broker round trip); longer ones would hold a processing thread and a prefetch slot that
 * other messages of the queue need. Pure.
 */
public record RetryPlan(RetryPolicy policy, Duration inPlaceMax) {

    /**
     * The retry behaviour of a worker configured with {@code vazao.retry.*} and no policy of its
     * own.
     */
    public static RetryPolicy fromConfig(int maxAttempts, Duration delay) {
        return new RetryPolicy(
                maxAttempts,
                delay.toMillis(),
                2.0,
                RetryDelay.DEFAULT_CAP.toMillis(),
                List.of(RetryPolicy.REASON_FAILED));
    }

    public enum Kind {
        DEAD_LETTER,
        WAIT_HERE,
        DELAY_QUEUE
    }

    public record Step(Kind kind, long delayMillis) {}

    public Step afterFailure(int failedAttempts) {
        if (!policy.retries(RetryPolicy.REASON_FAILED) || failedAttempts >= policy.attempts()) {
            return new Step(Kind.DEAD_LETTER, 0);
        }
        long delay = policy.delayAfterMillis(failedAttempts);
        return new Step(delay > inPlaceMax.toMillis() ? Kind.DELAY_QUEUE : Kind.WAIT_HERE, delay);
    }
}
