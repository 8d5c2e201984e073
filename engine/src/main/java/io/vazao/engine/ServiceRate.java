package io.vazao.engine;

import io.vazao.contract.QueueInputs;

/**
 * The per-worker service rate the engine sizes with: an EWMA of the shell's instantaneous
 * measurements ({@link QueueInputs#perWorkerRate()}, ack rate ÷ live workers).
 *
 * <p>Only a saturated worker's ack rate is its capacity. A measurement counts when messages were
 * waiting ({@code ready > 0}) while workers were live; an idle queue's ack rate is only its arrival
 * rate, and learning it would make the engine believe workers are slow and never scale down. A
 * measurement from unsaturated workers is still a lower bound of the capacity, so it is taken when
 * it is higher than the current estimate.
 */
public final class ServiceRate {

    /** Weight of a new measurement (≈ 5-tick memory at a 1 s tick). */
    public static final double ALPHA = 0.3;

    private ServiceRate() {}

    /**
     * @param smoothed the EWMA so far, or null
     * @param in this tick's inputs
     * @param coldEstimate the rate used while nothing is measured (expected rate or
     *     messagesPerWorker per tick)
     * @return the new EWMA, or null while nothing meaningful was measured
     */
    public static Double smooth(Double smoothed, QueueInputs in, double coldEstimate) {
        Double m = in.perWorkerRate();
        if (m == null || !(m > 0) || Double.isInfinite(m)) {
            return smoothed;
        }
        boolean saturated = in.ready() > 0 && in.liveWorkers() > 0;
        double estimate = smoothed != null ? smoothed : coldEstimate;
        if (!saturated && m <= estimate) {
            return smoothed;
        }
        return smoothed == null ? m : smoothed + ALPHA * (m - smoothed);
    }
}
