package io.vazao.simulator;

import java.util.List;
import java.util.Locale;

/** The sweep's numbers as markdown, beside the pictures, so that their claim is checkable. */
final class FrontierReport {

    /** A scenario's section: its sweep, the PNG's file name and vazao's budget. */
    record Section(Frontier frontier, String png, int budget) {}

    private FrontierReport() {}

    static String markdown(
            String command,
            WorkerModel model,
            SimulationConfig config,
            List<String> policies,
            List<Section> sections) {
        StringBuilder md = new StringBuilder("# The trade-off: wait against cost\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "Written by `%s`; do not edit, regenerate. Every policy's main knob swept"
                                + " on the same model: worker %.0f msg/s, start-up %.1f s,"
                                + " prefetch %d, %d initial, max %d per queue; step %.1f s, broker"
                                + " statistics every %.0f s, tail %.0f s. Knobs: %s.%n%n",
                        command,
                        model.serviceRate(),
                        model.startupSeconds(),
                        model.prefetch(),
                        model.initialWorkers(),
                        model.maxWorkers(),
                        config.stepSeconds(),
                        config.statsIntervalSeconds(),
                        config.tailSeconds(),
                        knobs(policies)));
        md.append(
                "vazao's curve lies **below** another policy's **everywhere** when every point of"
                        + " the other policy is *covered* by a point of vazao's: one with mean"
                        + " wait ≤ and worker-seconds ≤ the other point's, compared exactly as"
                        + " computed. vazao is swept three ways, each knob on its own: `vazao"
                        + " (drain)` over targetDrainSeconds at the default window, `vazao"
                        + " (window)` over scaleDownStabilizationSeconds at the default drain, and"
                        + " `vazao (to zero)` over targetDrainSeconds again at minWorkers 0 (an"
                        + " idle queue scaled to zero, which the seed's floor of one worker cannot"
                        + " do and KEDA's default minReplicaCount 0 does) with no scale-down"
                        + " window. **vazao's curve is the frontier of all sweeps' points"
                        + " together** (\"vazao (all sweeps)\"); \"vazao (floor 1)\" asks the"
                        + " same of the two sweeps at vazao's default floor of one worker, and"
                        + " \"vazao (drain only)\" of the drain sweep alone. The last columns say"
                        + " which points each covers.\n");
        for (Section s : sections) {
            section(md, s, policies);
        }
        return md.toString();
    }

    private static String knobs(List<String> policies) {
        StringBuilder out = new StringBuilder();
        for (String p : policies) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(Policies.label(p)).append(": ").append(Policies.knobName(p));
            if (!Double.isNaN(Policies.defaultKnob(p))) {
                out.append(", default ")
                        .append(
                                new FrontierPoint(p, Policies.defaultKnob(p), true, 0, 0, 0, 0)
                                        .knobText());
            }
        }
        return out.toString();
    }

    private static void section(StringBuilder md, Section s, List<String> policies) {
        Frontier f = s.frontier();
        md.append(
                String.format(
                        Locale.ROOT,
                        "%n## %s%n%n%,d messages; vazao's budget %d workers.%n%n![mean wait"
                                + " against worker-seconds, %s](%s)%n%n",
                        f.scenario(),
                        f.arrived(),
                        s.budget(),
                        f.scenario(),
                        s.png()));
        for (String p : policies) {
            if (!Policies.isVazao(p) && !f.vazao().isEmpty()) {
                for (Frontier.Sweeps sweeps : f.sweeps()) {
                    md.append("- ").append(f.verdict(p, sweeps)).append('\n');
                }
            }
        }
        md.append("\n| policy | knob | worker·s | mean wait (s) | p99 wait (s) | peak workers |");
        for (Frontier.Sweeps sweeps : f.sweeps()) {
            md.append(" covered by ").append(f.subject(sweeps)).append(" |");
        }
        md.append("\n|---|---|---|---|---|---|").append("---|".repeat(f.sweeps().size()));
        md.append('\n');
        for (String p : policies) {
            for (FrontierPoint pt : f.of(p)) {
                md.append(row(pt, f));
            }
        }
    }

    private static String row(FrontierPoint pt, Frontier f) {
        StringBuilder row =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "| %s | %s%s | %,.0f | %.2f | %.2f | %d |",
                                Policies.label(pt.policy()),
                                pt.knobText(),
                                pt.isDefault() ? " (default)" : "",
                                pt.workerSeconds(),
                                pt.meanWaitSeconds(),
                                pt.p99WaitSeconds(),
                                pt.peakWorkers()));
        for (Frontier.Sweeps sweeps : f.sweeps()) {
            row.append(' ').append(covered(pt, f.vazao(sweeps))).append(" |");
        }
        return row.append('\n').toString();
    }

    private static String covered(FrontierPoint pt, List<FrontierPoint> by) {
        if (Policies.isVazao(pt.policy())) {
            return "—";
        }
        return Frontier.uncovered(by, List.of(pt)).isEmpty() ? "yes" : "**no**";
    }
}
