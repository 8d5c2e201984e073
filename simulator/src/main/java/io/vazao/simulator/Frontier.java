package io.vazao.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trade-off sweep of one scenario: every contender's points, each policy's in the order of its
 * knob values.
 *
 * <p>vazao's curve lies <em>below</em> another policy's <em>everywhere</em> when every point of the
 * other policy is covered by some point of vazao's (a vazao point with mean wait ≤ and
 * worker-seconds ≤ the other point's, see {@link FrontierPoint#covers}): whatever the other
 * policy's knob, some value of vazao's knob waits no longer at no greater cost.
 *
 * <p>vazao is swept three ways, each knob on its own ({@code vazao}: {@code targetDrainSeconds};
 * {@link Policies#VAZAO_WINDOW}: {@code scaleDownStabilizationSeconds}; {@link
 * Policies#VAZAO_TO_ZERO}: the drain again at minWorkers 0 and no window); its curve is the
 * frontier of the union of all sweeps' points ({@link #vazao}). {@link Sweeps} names the narrower
 * curves the verdicts also state: at vazao's default floor of one worker, and the drain sweep
 * alone.
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

    /** Which of vazao's sweeps a curve is made of. */
    public enum Sweeps {
        /** every sweep: vazao's curve */
        ALL("all sweeps"),
        /** the sweeps at vazao's default floor of one worker: the drain's and the window's */
        FLOOR_ONE("floor 1"),
        /** the {@code targetDrainSeconds} sweep at vazao's other defaults */
        DRAIN("drain only");

        private final String text;

        Sweeps(String text) {
            this.text = text;
        }

        boolean counts(String policy) {
            return switch (this) {
                case ALL -> Policies.isVazao(policy);
                case FLOOR_ONE ->
                        Policies.isVazao(policy) && !policy.equals(Policies.VAZAO_TO_ZERO);
                case DRAIN -> policy.equals("vazao");
            };
        }
    }

    /** vazao's points over all its knobs: the union of its sweeps. */
    public List<FrontierPoint> vazao() {
        return vazao(Sweeps.ALL);
    }

    /** vazao's points of the sweeps {@code sweeps} counts. */
    public List<FrontierPoint> vazao(Sweeps sweeps) {
        return points.stream().filter(p -> sweeps.counts(p.policy())).toList();
    }

    /**
     * The curves worth a verdict, widest first: all of vazao's sweeps, then each narrower one whose
     * points differ from every curve before it (with only the drain and the window swept, the floor
     * of one is all of them; with one sweep, there is one curve).
     */
    public List<Sweeps> sweeps() {
        List<Sweeps> out = new ArrayList<>();
        List<Set<String>> seen = new ArrayList<>();
        for (Sweeps s : Sweeps.values()) {
            Set<String> swept =
                    vazao(s).stream().map(FrontierPoint::policy).collect(Collectors.toSet());
            if (!swept.isEmpty() && !seen.contains(swept)) {
                seen.add(swept);
                out.add(s);
            }
        }
        return out.isEmpty() ? List.of(Sweeps.ALL) : out;
    }

    /** What a verdict calls the curve: "vazao" when it was swept one way, else with its sweeps. */
    public String subject(Sweeps sweeps) {
        return sweeps().size() == 1 ? "vazao" : "vazao (" + sweeps.text + ")";
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
        return verdict(other, Sweeps.ALL);
    }

    /** The same as {@link #verdict(String)} for the curve of the sweeps {@code sweeps} counts. */
    public String verdict(String other, Sweeps sweeps) {
        List<FrontierPoint> vazao = vazao(sweeps);
        String subject = subject(sweeps);
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
