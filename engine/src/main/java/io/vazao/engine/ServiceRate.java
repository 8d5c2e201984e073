package io.vazao.engine;

import io.vazao.contract.QueueInputs;

/**
 * The per-worker service rate the engine sizes with: an EWMA of the shell's instantaneous
 * measurements ({@link QueueInputs#perWorkerRate()}, ack rate ÷ live workers).
 *
 * <p>Only a saturated worker's ack rate is its capacity. A measurement counts as one when messages
 * have been waiting ({@code ready > 0}) with workers live for {@link #SATURATED_AFTER_MILLIS}: the
 * ready figure is counted at the tick, but the ack rate is the broker's average over its last
 * statistics interval (5 s by default), and that sample may be one interval old. On the first ticks
 * of a burst onto a quiet queue the rate still describes the quiet, so learning it would make a
 * worker that did 100/s look like one that does the trickle's 20/s, and size the burst for five
 * times the workers it needs whatever the drain target. An idle queue's ack rate is only its
 * arrival rate for the same reason. A measurement from unsaturated workers is still a lower bound
 * of the capacity, so it is taken when it is higher than the current estimate.
 */
public final class ServiceRate {

    /** Weight of a new measurement (≈ 5-tick memory at a 1 s tick). */
    public static final double ALPHA = 0.3;

    /**
     * How long messages must have been waiting before an ack rate is a saturated worker's: two of
     * the broker's 5 s statistics intervals, the longest a rate sample can reach back.
     */
    public static final long SATURATED_AFTER_MILLIS = 10_000;

    private ServiceRate() {}

    /**
     * @param since what the last tick returned (-1 at first)
     * @return since when messages have been waiting with workers live, every tick up to {@code
     *     nowMs}; -1 when they are not now
     */
    public static long backlogSince(long since, QueueInputs in, long nowMs) {
        if (in.ready() <= 0 || in.liveWorkers() <= 0) {
            return -1;
        }
        return since >= 0 && since <= nowMs ? since : nowMs;
    }

    /** Whether a backlog waiting since {@code since} makes this tick's ack rate a capacity. */
    public static boolean saturated(long since, long nowMs) {
        return since >= 0 && nowMs - since >= SATURATED_AFTER_MILLIS;
    }

    /**
     * @param smoothed the EWMA so far, or null
     * @param in this tick's inputs
     * @param coldEstimate the rate used while nothing is measured (expected rate or
     *     messagesPerWorker per tick)
     * @param saturated whether the workers have been saturated long enough ({@link #saturated})
     * @return the new EWMA, or null while nothing meaningful was measured
     */
    public static Double smooth(
            Double smoothed, QueueInputs in, double coldEstimate, boolean saturated) {
        Double m = in.perWorkerRate();
        if (m == null || !(m > 0) || Double.isInfinite(m)) {
            return smoothed;
        }
        double estimate = smoothed != null ? smoothed : coldEstimate;
        if (!saturated && m <= estimate) {
            return smoothed;
        }
        return smoothed == null ? m : smoothed + ALPHA * (m - smoothed);
    }
}
