package io.vazao.policy.deadletter;

/**
 * Where a replay stands.
 *
 * @param moved published to the work queue (confirmed) and removed from the dead-letter queue
 * @param skipped read but left in the dead-letter queue because of another reason
 * @param elapsedMillis time since the replay started
 */
public record ReplayProgress(long moved, long skipped, long elapsedMillis) {

    /** Messages moved per second so far. */
    public double rate() {
        return elapsedMillis <= 0 ? 0 : moved * 1000.0 / elapsedMillis;
    }
}
