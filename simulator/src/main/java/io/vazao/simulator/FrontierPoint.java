package io.vazao.simulator;

/**
 * One run of the trade-off sweep: a policy with its main knob at one value, and what it achieved.
 *
 * @param policy vazao, keda or seed
 * @param knob the knob's value (see {@link Policies#knobName})
 * @param isDefault whether the knob is at the value {@code vazao simulate} uses
 * @param workerSeconds the cost: workers integrated over time, starting ones included
 * @param meanWaitSeconds mean time from arrival to processing
 * @param p99WaitSeconds 99th percentile of the same
 * @param peakWorkers most workers at once, all queues together
 */
public record FrontierPoint(
        String policy,
        double knob,
        boolean isDefault,
        double workerSeconds,
        double meanWaitSeconds,
        double p99WaitSeconds,
        int peakWorkers) {

    /** The point of one simulation run. */
    static FrontierPoint of(PolicyResult r, String policy, double knob) {
        return new FrontierPoint(
                policy,
                knob,
                knob == Policies.defaultKnob(policy),
                r.workerSeconds(),
                r.meanDelaySeconds(),
                r.p99DelaySeconds(),
                r.peakWorkers());
    }

    /**
     * This point covers {@code other} when it waits no longer on average at no greater cost: mean
     * wait ≤ the other's and worker-seconds ≤ the other's (both compared exactly, as computed).
     */
    public boolean covers(FrontierPoint other) {
        return meanWaitSeconds <= other.meanWaitSeconds && workerSeconds <= other.workerSeconds;
    }

    /** The knob as written on the chart and in the table: 30, 0.5. */
    public String knobText() {
        return knob == Math.rint(knob) ? Long.toString((long) knob) : Double.toString(knob);
    }
}
