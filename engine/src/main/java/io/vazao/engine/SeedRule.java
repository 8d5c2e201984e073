package io.vazao.engine;

/**
 * The replaced system's sizing rule, kept for migration and comparison: {@code clamp(int(depth ×
 * weight) // messagesPerWorker + 1, min, max)}, where depth is the ready count only (the seed did
 * not count unacknowledged messages). Python's {@code int()} truncates and {@code //} floors; both
 * are floors for the non-negative values involved.
 */
public final class SeedRule {

    private SeedRule() {}

    /** {@code int(ready × weight) // messagesPerWorker + 1}, before the clamp. */
    public static long raw(long ready, double weight, int messagesPerWorker) {
        long weighted = (long) Math.floor(Math.max(0, ready) * Math.max(0, weight));
        return Math.floorDiv(weighted, (long) messagesPerWorker) + 1;
    }

    public static int clamp(long raw, int min, int max) {
        return (int) Math.max(min, Math.min(max, raw));
    }

    public static int target(long ready, double weight, int messagesPerWorker, int min, int max) {
        return clamp(raw(ready, weight, messagesPerWorker), min, max);
    }
}
