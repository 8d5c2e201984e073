package io.vazao.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The trade-off sweep of one scenario: every contender's points, each policy's in the order of its
 * knob values.
 *
 * <p>vazao's curve lies <em>below</em> another policy's <em>everywhere</em> when every point of the
 * other policy is covered by some point of vazao's (a vazao point with mean wait ≤ and
 * worker-seconds ≤ the other point's, see {@link FrontierPoint#covers}): whatever the other
 * policy's knob, some value of vazao's knob waits no longer at no greater cost.
 *
 * <p>vazao is swept over two knobs, each on its own ({@code vazao}: {@code targetDrainSeconds};
 * {@link Policies#VAZAO_WINDOW}: {@code scaleDownStabilizationSeconds}); its curve is the frontier
 * of the union of both sweeps' points ({@link #vazao}). {@link #drainVerdict} asks the same of the
 * drain sweep alone.
 *
 * @param scenario the arrival pattern's name
 * @param arrived messages that arrived, all queues together
 * @param points every run, policy by policy
 */
public record Frontier(String scenario, long arrived, List<FrontierPoint> points) {

    public Frontier {
        points = List.copyOf(points);
    }

    /** The policy's points, in the order of its knob values. */
    public List<FrontierPoint> of(String policy) {
        return points.stream().filter(p -> p.policy().equals(policy)).toList();
    }

    /** The points of {@code others} that no point of {@code by} covers. */
    public static List<FrontierPoint> uncovered(
            List<FrontierPoint> by, List<FrontierPoint> others) {
        return others.stream().filter(o -> by.stream().noneMatch(b -> b.covers(o))).toList();
    }

    /** vazao's points over all its knobs: the union of its sweeps. */
    public List<FrontierPoint> vazao() {
        return points.stream().filter(p -> Policies.isVazao(p.policy())).toList();
    }

    /** Whether vazao was swept over more than one knob. */
    public boolean bothKnobs() {
        return vazao().stream().map(FrontierPoint::policy).distinct().count() > 1;
    }

    /**
     * Whether vazao's curve, over all its knobs, lies below {@code other}'s everywhere (class
     * comment).
     */
    public boolean vazaoBelow(String other) {
        return uncovered(vazao(), of(other)).isEmpty();
    }

    /**
     * One line: whether vazao's curve over all its knobs lies below {@code other}'s everywhere, and
     * each point of {@code other}'s that no vazao point covers, with vazao's least wait at no
     * greater cost.
     */
    public String verdict(String other) {
        return verdict(other, vazao(), bothKnobs() ? "vazao (both knobs)" : "vazao");
    }

    /** The same as {@link #verdict} for the {@code targetDrainSeconds} sweep alone. */
    public String drainVerdict(String other) {
        return verdict(other, of("vazao"), "vazao (drain only)");
    }

    private String verdict(String other, List<FrontierPoint> vazao, String subject) {
        List<FrontierPoint> theirs = of(other);
        List<FrontierPoint> open = uncovered(vazao, theirs);
        StringBuilder line =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%s: %s below %s everywhere: %s (%d of %d %s points covered)",
                                scenario,
                                subject,
                                other,
                                open.isEmpty() ? "yes" : "no",
                                theirs.size() - open.size(),
                                theirs.size(),
                                other));
        List<String> misses = new ArrayList<>();
        for (FrontierPoint o : open) {
            misses.add(miss(o, vazao));
        }
        if (!misses.isEmpty()) {
            line.append("; not covered: ").append(String.join("; ", misses));
        }
        return line.toString();
    }

    private static String miss(FrontierPoint o, List<FrontierPoint> vazao) {
        Optional<FrontierPoint> best =
                vazao.stream()
                        .filter(v -> v.workerSeconds() <= o.workerSeconds())
                        .min((a, b) -> Double.compare(a.meanWaitSeconds(), b.meanWaitSeconds()));
        return String.format(
                        Locale.ROOT,
                        "%s %s at %,.0f worker·s waits %.2f s",
                        o.policy(),
                        o.knobText(),
                        o.workerSeconds(),
                        o.meanWaitSeconds())
                + best.map(
                                v ->
                                        String.format(
                                                Locale.ROOT,
                                                ", vazao's least at ≤ that cost %.2f s (%s %s, %,.0f"
                                                        + " worker·s)",
                                                v.meanWaitSeconds(),
                                                Policies.knobShort(v.policy()),
                                                v.knobText(),
                                                v.workerSeconds()))
                        .orElse(", no vazao point costs that little");
    }
}
