package io.vazao.functions.work;

import io.vazao.functions.config.FunctionsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The only fake thing in a worker: a dial for demos and benchmarks. Spends a fixed or exponentially
 * distributed time per call and fails with the configured probability; with the defaults it does
 * nothing at all.
 */
@ApplicationScoped
public class SimulatedWork {

    public enum Distribution {
        FIXED,
        EXPONENTIAL;

        static Distribution parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "vazao.work.distribution must be fixed or exponential, not '" + s + "'");
            }
        }
    }

    private final double meanMs;
    private final Distribution distribution;
    private final double failureRate;

    /** Off unless configured; null where the work is built by hand (unit tests). */
    @Inject FaultInjection faults;

    @Inject
    public SimulatedWork(FunctionsConfig config) {
        this(
                config.work().meanMs(),
                Distribution.parse(config.work().distribution()),
                config.work().failureRate());
    }

    public SimulatedWork(double meanMs, Distribution distribution, double failureRate) {
        if (meanMs < 0) {
            throw new IllegalArgumentException("vazao.work.mean-ms must be >= 0");
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("vazao.work.failure-rate must be within 0..1");
        }
        this.meanMs = meanMs;
        this.distribution = distribution;
        this.failureRate = failureRate;
    }

    /**
     * True when a call may wait: it sleeps, or it may fail and be retried after a pause. Without
     * either, the work runs on the thread that received the delivery.
     */
    public boolean mayWait() {
        return meanMs > 0 || failureRate > 0;
    }

    /** Performs the simulated work for one attempt on the message {@code id}. */
    public void perform(String id) {
        FaultInjection.apply(faults, id);
        if (meanMs > 0) {
            double ms =
                    distribution == Distribution.FIXED
                            ? meanMs
                            : -meanMs * Math.log(1 - ThreadLocalRandom.current().nextDouble());
            LockSupport.parkNanos((long) (ms * TimeUnit.MILLISECONDS.toNanos(1)));
        }
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            throw new SimulatedFailure("simulated failure of " + id);
        }
    }

    /** The failure the work dial produces. */
    public static class SimulatedFailure extends RuntimeException {
        public SimulatedFailure(String message) {
            super(message, null, false, false);
        }
    }
}
