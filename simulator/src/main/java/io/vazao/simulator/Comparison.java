package io.vazao.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The simulator's answer: every policy on the same arrivals, model and clock.
 *
 * @param scenario name of the arrival pattern
 * @param arrived messages that arrived, all queues together
 * @param durationSeconds when the last message arrives
 * @param model the worker model
 * @param config step, stats interval and tail
 * @param budget vazao's worker budget (maxTotalWorkers)
 * @param results one per policy, in the order they were asked for
 */
public record Comparison(
        String scenario,
        long arrived,
        double durationSeconds,
        WorkerModel model,
        SimulationConfig config,
        int budget,
        List<PolicyResult> results) {

    public Optional<PolicyResult> result(String policy) {
        return results.stream().filter(r -> r.policy().equals(policy)).findFirst();
    }

    /** vazao's mean delay as a fraction of KEDA's (the goal: at most 0.5). */
    public Optional<Double> delayRatioVsKeda() {
        return ratio(true);
    }

    /** vazao's worker-seconds as a fraction of KEDA's (the goal: at most 1.1). */
    public Optional<Double> costRatioVsKeda() {
        return ratio(false);
    }

    private Optional<Double> ratio(boolean delay) {
        return ratio("vazao", delay);
    }

    private Optional<Double> ratio(String policy, boolean delay) {
        Optional<PolicyResult> v = result(policy);
        Optional<PolicyResult> k = result("keda");
        if (v.isEmpty() || k.isEmpty()) {
            return Optional.empty();
        }
        double num = delay ? v.get().meanDelaySeconds() : v.get().workerSeconds();
        double den = delay ? k.get().meanDelaySeconds() : k.get().workerSeconds();
        return den == 0 ? Optional.empty() : Optional.of(num / den);
    }

    /** The terminal table. */
    public String table() {
        StringBuilder out = new StringBuilder(scenarioLine());
        int nameWidth = nameWidth();
        String header =
                String.format(
                        Locale.ROOT,
                        "%-" + nameWidth + "s %10s %10s %12s %10s %6s %9s %10s %10s",
                        "policy",
                        "mean wait",
                        "p99 wait",
                        "backlog·s",
                        "worker·s",
                        "peak",
                        "drain",
                        "wait/keda",
                        "cost/keda");
        out.append(header).append('\n');
        out.append("-".repeat(header.length())).append('\n');
        Optional<PolicyResult> keda = result("keda");
        for (PolicyResult r : results) {
            out.append(row(r, keda, nameWidth));
        }
        // A goal line per vazao row: the engine alone, and with the local scaler's standby pool.
        for (PolicyResult r : results) {
            Optional<Double> d = ratio(r.policy(), true);
            Optional<Double> c = ratio(r.policy(), false);
            if (r.policy().startsWith("vazao") && d.isPresent() && c.isPresent()) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "%s vs keda: mean wait %.2f× (goal ≤ 0.5: %s), worker-seconds %.2f× (goal ≤ 1.1: %s)%n",
                                r.policy(),
                                d.get(),
                                d.get() <= 0.5 ? "met" : "missed",
                                c.get(),
                                c.get() <= 1.1 ? "met" : "missed"));
            }
        }
        return out.toString();
    }

    private String scenarioLine() {
        return String.format(
                Locale.ROOT,
                "scenario %s: %,d messages over %.0f s; worker %.0f msg/s, start-up %.1f s, prefetch %d, "
                        + "%d initial, max %d per queue, vazao budget %d; step %.1f s, broker stats every %.0f s, "
                        + "tail %.0f s%n",
                scenario,
                arrived,
                durationSeconds,
                model.serviceRate(),
                model.startupSeconds(),
                model.prefetch(),
                model.initialWorkers(),
                model.maxWorkers(),
                budget,
                config.stepSeconds(),
                config.statsIntervalSeconds(),
                config.tailSeconds());
    }

    /** The policy column fits its longest name, so that every row's figures stand aligned. */
    private int nameWidth() {
        int width = "policy".length();
        for (PolicyResult r : results) {
            width = Math.max(width, r.policy().length());
        }
        return width;
    }

    private static String row(PolicyResult r, Optional<PolicyResult> keda, int nameWidth) {
        String line =
                String.format(
                        Locale.ROOT,
                        "%-" + nameWidth + "s %9.2fs %9.2fs %12.0f %10.0f %6d %9s %10s %10s%n",
                        r.policy(),
                        r.meanDelaySeconds(),
                        r.p99DelaySeconds(),
                        r.backlogSeconds(),
                        r.workerSeconds(),
                        r.peakWorkers(),
                        r.drainSeconds() == null
                                ? "never"
                                : String.format(Locale.ROOT, "%.1fs", r.drainSeconds()),
                        keda.map(k -> ratioText(r.meanDelaySeconds(), k.meanDelaySeconds()))
                                .orElse("-"),
                        keda.map(k -> ratioText(r.workerSeconds(), k.workerSeconds())).orElse("-"));
        if (r.backlogAtEnd() > 0) {
            line +=
                    String.format(
                            Locale.ROOT,
                            "       %,d messages still queued at the end%n",
                            r.backlogAtEnd());
        }
        return line;
    }

    private static String ratioText(double value, double reference) {
        return reference == 0 ? "-" : String.format(Locale.ROOT, "%.2f×", value / reference);
    }
}
