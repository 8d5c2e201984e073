package io.vazao.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Companion of {@link DecisionBenchmark} for a shared, loaded machine: JMH reports wall-clock time,
 * which grows with every other process on the cores; the thread CPU time of the calls does not
 * (much). Same inputs as the benchmark; prints CPU µs per call for each size and mode.
 */
public final class DecisionCpuTime {

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int[] sizes = {10, 1000, 10000};
        System.out.println("thread CPU µs per call, best and median of " + ROUNDS + " rounds");
        System.out.printf(
                "%-8s %22s %22s %16s %10s%n",
                "queues", "adaptive best/median", "seed best/median", "adaptive ÷ seed", "< 1 ms?");
        for (int size : sizes) {
            double[] adaptive = cpuMicrosPerCall(mx, size, "adaptive");
            double[] seed = cpuMicrosPerCall(mx, size, "seed");
            System.out.printf(
                    "%-8d %22s %22s %16.2f %10s%n",
                    size,
                    String.format("%.1f / %.1f", adaptive[0], adaptive[1]),
                    String.format("%.1f / %.1f", seed[0], seed[1]),
                    adaptive[0] / seed[0],
                    adaptive[0] < 1000 ? "yes" : "no");
        }
    }

    private static final int ROUNDS = 5;
    private static final long WARM_UP_CPU_NANOS = 10_000_000_000L;

    /** {best, median} CPU µs per call over ROUNDS rounds, after a warm-up. */
    private static double[] cpuMicrosPerCall(ThreadMXBean mx, int size, String mode) {
        DecisionBenchmark b = new DecisionBenchmark();
        b.queues = size;
        b.mode = mode;
        b.setUp();
        int calls = Math.max(10, 300_000 / size);
        Object sink = null;
        // Warm-up by time, not calls: the JIT reaches steady state after seconds, whatever the
        // size.
        long warmUntil = mx.getCurrentThreadCpuTime() + WARM_UP_CPU_NANOS;
        while (mx.getCurrentThreadCpuTime() < warmUntil) {
            for (int i = 0; i < calls; i++) {
                sink = b.decide();
            }
        }
        double[] rounds = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sink = b.decide();
            }
            rounds[r] = (mx.getCurrentThreadCpuTime() - cpu0) / 1000.0 / calls;
        }
        if (sink == null) {
            throw new IllegalStateException("no outcome");
        }
        java.util.Arrays.sort(rounds);
        return new double[] {rounds[0], rounds[ROUNDS / 2]};
    }
}
