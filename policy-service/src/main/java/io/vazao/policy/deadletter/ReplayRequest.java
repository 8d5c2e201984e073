package io.vazao.policy.deadletter;

/**
 * What to replay.
 *
 * @param reason only dead letters with this {@code x-vazao-reason}; null = every reason
 * @param max at most this many; null = all
 * @param ratePerSecond at most this many per second; null = as fast as confirms come back
 */
public record ReplayRequest(String reason, Long max, Double ratePerSecond) {

    public static ReplayRequest all() {
        return new ReplayRequest(null, null, null);
    }

    public boolean matches(String messageReason) {
        return reason == null || reason.equals(messageReason);
    }

    public boolean reachedMax(long moved) {
        return max != null && moved >= max;
    }
}
