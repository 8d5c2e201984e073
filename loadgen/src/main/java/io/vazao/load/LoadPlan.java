package io.vazao.load;

import io.vazao.contract.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many messages each queue should have received by a moment of the run. Pure; calls go forward
 * in time.
 */
public interface LoadPlan {

    List<String> queues();

    /** Messages due on {@code queue} by {@code elapsedSeconds} since the start (cumulative). */
    long dueBy(String queue, double elapsedSeconds);

    /** True once nothing more will ever be due. */
    boolean finished(double elapsedSeconds);

    /**
     * Fixed counts per queue, as fast as possible ({@code ratePerSecond <= 0}) or at a total rate
     * shared in proportion to the counts (the seed's run: one order and one payment per iteration).
     */
    static LoadPlan counts(Map<String, Long> counts, double ratePerSecond) {
        Map<String, Long> c = new LinkedHashMap<>(counts);
        long total = c.values().stream().mapToLong(Long::longValue).sum();
        return new LoadPlan() {
            @Override
            public List<String> queues() {
                return List.copyOf(c.keySet());
            }

            @Override
            public long dueBy(String queue, double t) {
                long n = c.getOrDefault(queue, 0L);
                if (ratePerSecond <= 0 || total == 0) {
                    return n;
                }
                double share = (double) n / total;
                return Math.min(n, (long) Math.floor(ratePerSecond * share * t));
            }

            @Override
            public boolean finished(double t) {
                return ratePerSecond <= 0 || total == 0 || ratePerSecond * t >= total + 1;
            }
        };
    }

    /** A scenario's arrivals, {@code speed} times faster (1 = real time). */
    static LoadPlan scenario(Scenario scenario, double speed) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        scenario.queues().keySet().forEach(q -> acc.put(q, new double[] {0, 0}));
        double duration = scenario.durationSeconds();
        return new LoadPlan() {
            @Override
            public List<String> queues() {
                return List.copyOf(acc.keySet());
            }

            @Override
            public long dueBy(String queue, double elapsed) {
                double[] a = acc.get(queue);
                if (a == null) {
                    return 0;
                }
                // Scenario time advances `speed` times faster; bursts at the scenario's last
                // instant still count.
                double t = Math.min(elapsed * speed, duration + 1e-6);
                if (t > a[0]) {
                    a[1] += scenario.arrivals(queue, a[0], t);
                    a[0] = t;
                }
                return (long) Math.floor(a[1] + 1e-9);
            }

            @Override
            public boolean finished(double elapsed) {
                return elapsed * speed > duration;
            }
        };
    }
}
