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
        System.out.printf("%-8s %-9s %14s%n", "queues", "mode", "cpu µs/call");
        for (int size : sizes) {
            for (String mode : new String[] {"adaptive", "seed"}) {
                DecisionBenchmark b = new DecisionBenchmark();
                b.queues = size;
                b.mode = mode;
                b.setUp();
                int calls = Math.max(20, 2_000_000 / size);
                Object sink = null;
                for (int i = 0; i < calls; i++) { // warm-up
                    sink = b.decide();
                }
                long cpu0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    sink = b.decide();
                }
                long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                System.out.printf("%-8d %-9s %14.1f%s%n", size, mode, cpu / 1000.0 / calls, sink == null ? "?" : "");
            }
        }
    }
}
