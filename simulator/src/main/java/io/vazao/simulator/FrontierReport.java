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
                        + " computed. vazao is swept over two knobs, each on its own: `vazao"
                        + " (drain)` over targetDrainSeconds at the default window, `vazao"
                        + " (window)` over scaleDownStabilizationSeconds at the default drain."
                        + " **vazao's curve is the frontier of both sweeps' points together**"
                        + " (\"vazao (both knobs)\"); \"vazao (drain only)\" asks the same of the"
                        + " drain sweep alone. The last two columns say which points each"
                        + " covers.\n");
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
            out.append(Policies.label(p))
                    .append(": ")
                    .append(Policies.knobName(p))
                    .append(", default ")
                    .append(
                            new FrontierPoint(p, Policies.defaultKnob(p), true, 0, 0, 0, 0)
                                    .knobText());
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
                md.append("- ").append(f.verdict(p)).append('\n');
                if (f.bothKnobs()) {
                    md.append("- ").append(f.drainVerdict(p)).append('\n');
                }
            }
        }
        md.append(
                "\n| policy | knob | worker·s | mean wait (s) | p99 wait (s) | peak workers |"
                        + " covered by vazao (both knobs) | covered by vazao (drain only) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (String p : policies) {
            for (FrontierPoint pt : f.of(p)) {
                md.append(row(pt, f.vazao(), f.of("vazao")));
            }
        }
    }

    private static String row(
            FrontierPoint pt, List<FrontierPoint> vazao, List<FrontierPoint> drain) {
        return String.format(
                Locale.ROOT,
                "| %s | %s%s | %,.0f | %.2f | %.2f | %d | %s | %s |%n",
                Policies.label(pt.policy()),
                pt.knobText(),
                pt.isDefault() ? " (default)" : "",
                pt.workerSeconds(),
                pt.meanWaitSeconds(),
                pt.p99WaitSeconds(),
                pt.peakWorkers(),
                covered(pt, vazao),
                covered(pt, drain));
    }

    private static String covered(FrontierPoint pt, List<FrontierPoint> by) {
        if (Policies.isVazao(pt.policy())) {
            return "—";
        }
        return Frontier.uncovered(by, List.of(pt)).isEmpty() ? "yes" : "**no**";
    }
}
