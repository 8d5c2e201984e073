package io.vazao.functions.consume;

import java.time.Duration;

/** Delay before attempt n+1 after n failed attempts: the base delay doubled each time, capped. */
public record RetryDelay(Duration base, Duration cap) {

    public static final Duration DEFAULT_CAP = Duration.ofSeconds(10);

    public RetryDelay {
        if (base.isNegative() || cap.isNegative()) {
            throw new IllegalArgumentException("retry delays must be >= 0");
        }
    }

    public long afterFailedAttemptMillis(int failedAttempts) {
        if (failedAttempts < 1) {
            return 0;
        }
        long b = base.toMillis();
        int shift = Math.min(failedAttempts - 1, 30);
        long d = b > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : b << shift;
        return Math.min(d, cap.toMillis());
    }
}
