package io.vazao.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Companion of {@link DecisionBenchmark} for a shared, loaded machine: JMH reports wall-clock time,
 * which grows with every other process on the cores; the thread CPU time of the calls does not (much).
 * Same inputs as the benchmark; prints CPU µs per call for each size and mode.
 */
public final class DecisionCpuTime {

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int[] sizes = {10, 1000, 10000};
        System.out.printf("%-8s %18s %14s %16s %10s%n", "queues", "adaptive (cpu µs)", "seed (cpu µs)",
                "adaptive ÷ seed", "< 1 ms?");
        for (int size : sizes) {
            double adaptive = cpuMicrosPerCall(mx, size, "adaptive");
            double seed = cpuMicrosPerCall(mx, size, "seed");
            System.out.printf("%-8d %18.1f %14.1f %16.2f %10s%n", size, adaptive, seed, adaptive / seed,
                    adaptive < 1000 ? "yes" : "no");
        }
    }

    private static double cpuMicrosPerCall(ThreadMXBean mx, int size, String mode) {
        DecisionBenchmark b = new DecisionBenchmark();
        b.queues = size;
        b.mode = mode;
        b.setUp();
        int calls = Math.max(20, 1_000_000 / size);
        Object sink = null;
        for (int i = 0; i < calls; i++) { // warm-up
            sink = b.decide();
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            sink = b.decide();
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        if (sink == null) {
            throw new IllegalStateException("no outcome");
        }
        return cpu / 1000.0 / calls;
    }
}
