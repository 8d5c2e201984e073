package io.vazao.simulator;

import io.vazao.contract.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A burst on the real system as one observer recorded it (the end-to-end test): what was published,
 * the policies, and every few hundred milliseconds each queue's depth, target, live workers and
 * processed messages, timed on the observer's own clock from the moment the burst began. Everything
 * the simulator needs to be calibrated on the run and checked against it.
 *
 * @param description what was run, where and when
 * @param budget maxTotalWorkers
 * @param minWorkers every queue's minWorkers
 * @param maxWorkers every queue's maxWorkers
 * @param scaleDownStabilizationSeconds every queue's window
 * @param prefetch the workers' prefetch
 * @param weights per queue
 * @param published messages published per queue, all in the first {@code publishSeconds}
 * @param publishSeconds how long publishing took, at an even pace
 * @param samples oldest first
 */
public record RecordedRun(
        String description,
        int budget,
        int minWorkers,
        int maxWorkers,
        int scaleDownStabilizationSeconds,
        int prefetch,
        Map<String, Double> weights,
        Map<String, Long> published,
        double publishSeconds,
        List<Sample> samples) {

    /**
     * @param t milliseconds since the burst began
     * @param depth ready + unacked per queue, as the policy service last read them
     * @param target the published target per queue
     * @param live live (heartbeating) workers per queue
     * @param processed messages processed per queue (the workers' audit)
     */
    public record Sample(
            long t,
            Map<String, Long> depth,
            Map<String, Integer> target,
            Map<String, Integer> live,
            Map<String, Long> processed) {

        int totalLive() {
            return live.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public RecordedRun {
        weights = Map.copyOf(weights);
        published = Map.copyOf(published);
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a recorded run needs samples");
        }
    }

    public static RecordedRun parse(String json) {
        return Json.read(json, RecordedRun.class);
    }

    public List<String> queues() {
        return published.keySet().stream().sorted().toList();
    }

    /** Seconds from the burst until every published message was processed; null if never. */
    public Double drainSeconds() {
        for (Sample s : samples) {
            if (queues().stream().allMatch(q -> s.processed().get(q) >= published.get(q))) {
                return s.t() / 1000.0;
            }
        }
        return null;
    }

    /** The most workers live at once. */
    public int peakLive() {
        return samples.stream().mapToInt(Sample::totalLive).max().orElse(0);
    }

    /** Live workers per queue when the burst began. */
    public int initialWorkers() {
        Sample first = samples.get(0);
        return queues().stream().mapToInt(q -> first.live().get(q)).min().orElse(0);
    }

    /**
     * The run's own per-worker rate: messages processed per live-worker-second, over the time each
     * queue had messages left to process.
     */
    public double perWorkerRate() {
        double messages = 0;
        double workerSeconds = 0;
        for (String q : queues()) {
            for (int i = 1; i < samples.size(); i++) {
                Sample a = samples.get(i - 1);
                Sample b = samples.get(i);
                if (a.processed().get(q) >= published.get(q)) {
                    break;
                }
                messages += b.processed().get(q) - a.processed().get(q);
                workerSeconds += a.live().get(q) * (b.t() - a.t()) / 1000.0;
            }
        }
        return workerSeconds == 0 ? 0 : messages / workerSeconds;
    }

    /**
     * The run's own per-worker rate second by second: in each second, the messages processed by the
     * queues that still had messages left, per worker live on them. On a machine whose cores are
     * shared with the broker, the publisher and starting JVMs this varies several-fold over a run;
     * a second with no such queue repeats the one before.
     */
    public double[] perWorkerRateBySecond() {
        int seconds = (int) Math.ceil(samples.get(samples.size() - 1).t() / 1000.0) + 1;
        double[] messages = new double[seconds];
        double[] workerSeconds = new double[seconds];
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            int second = (int) (a.t() / 1000);
            for (String q : queues()) {
                if (a.processed().get(q) < published.get(q)) {
                    messages[second] += b.processed().get(q) - a.processed().get(q);
                    workerSeconds[second] += a.live().get(q) * (b.t() - a.t()) / 1000.0;
                }
            }
        }
        double[] rates = new double[seconds];
        double last = perWorkerRate();
        for (int s = 0; s < seconds; s++) {
            if (workerSeconds[s] > 0) {
                last = messages[s] / workerSeconds[s];
            }
            rates[s] = last;
        }
        return rates;
    }

    /**
     * The run's own start-up times, in seconds: for each queue and each n, from the first sample
     * whose target asked for an n-th worker (without a lower target since) to the first sample with
     * n workers live.
     */
    public List<Double> startupSeconds() {
        List<Double> out = new ArrayList<>();
        for (String q : queues()) {
            Map<Integer, Long> askedAt = new HashMap<>();
            int live = samples.get(0).live().get(q);
            for (Sample s : samples) {
                int target = s.target().get(q);
                askedAt.keySet().removeIf(n -> n > target);
                int nowLive = s.live().get(q);
                for (int n = live + 1; n <= nowLive; n++) {
                    Long asked = askedAt.remove(n);
                    if (asked != null) {
                        out.add((s.t() - asked) / 1000.0);
                    }
                }
                live = nowLive;
                // Asked for now: a raised target, or a worker lost below it (its replacement).
                for (int n = live + 1; n <= target; n++) {
                    askedAt.putIfAbsent(n, s.t());
                }
            }
        }
        return out;
    }

    /** The median of {@link #startupSeconds()}, or 0 when the run started no worker. */
    public double medianStartupSeconds() {
        List<Double> s = startupSeconds().stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }
}
