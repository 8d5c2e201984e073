package io.vazao.simulator;

import java.util.Arrays;

/** Queueing delays in buckets of one time step: exact counts, so p99 is exact to one step. */
final class DelayHistogram {

    private final double bucketSeconds;
    private long[] counts = new long[1024];
    private long total;
    private double sum;

    DelayHistogram(double bucketSeconds) {
        this.bucketSeconds = bucketSeconds;
    }

    void record(double delaySeconds, long n) {
        if (n <= 0) {
            return;
        }
        int bucket = (int) Math.round(delaySeconds / bucketSeconds);
        if (bucket >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(bucket + 1, counts.length * 2));
        }
        counts[bucket] += n;
        total += n;
        sum += delaySeconds * n;
    }

    void addAll(DelayHistogram other) {
        for (int i = 0; i < other.counts.length; i++) {
            if (other.counts[i] > 0) {
                record(i * other.bucketSeconds, other.counts[i]);
            }
        }
    }

    long count() {
        return total;
    }

    double mean() {
        return total == 0 ? 0 : sum / total;
    }

    /** The smallest recorded delay that at least {@code q} of the messages did not exceed. */
    double quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i * bucketSeconds;
            }
        }
        return (counts.length - 1) * bucketSeconds;
    }
}
