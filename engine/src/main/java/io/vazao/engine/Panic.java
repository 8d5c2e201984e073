package io.vazao.engine;

/**
 * Knative's panic mode: a recommendation at least {@link #THRESHOLD}× the current target starts a
 * window during which the target does not fall, so a burst is followed at once and not given back
 * between two noisy ticks.
 */
final class Panic {

    /** Ratio of recommendation to current target that counts as a burst. */
    static final double THRESHOLD = 2.0;

    private Panic() {}

    /**
     * A burst starts (or restarts) the window: its end, and the clause; else the old end, no
     * clause.
     */
    record Start(long until, Step.Clause text) {

        /** The clause as a string, or null when no burst started. */
        String clause() {
            return Step.Clause.render(text);
        }
    }

    static Start start(int desired, int current, long panicUntil, long nowMs, long windowMs) {
        if (desired > current && desired >= THRESHOLD * Math.max(1, current)) {
            return new Start(
                    nowMs + windowMs,
                    c -> {
                        c.append("burst: ").append(desired).append(" >= ");
                        Num.append(c, THRESHOLD)
                                .append("x current ")
                                .append(current)
                                .append(", panic for ")
                                .append(windowMs / 1000)
                                .append(" s");
                    });
        }
        return new Start(panicUntil, null);
    }

    /** Inside the window nothing falls below the last target. */
    static Step hold(int want, int lastTarget, long panicUntil, long nowMs) {
        if (nowMs < panicUntil && lastTarget > want) {
            return new Step(
                    lastTarget,
                    c ->
                            c.append("panic until +")
                                    .append((panicUntil - nowMs + 999) / 1000)
                                    .append(" s: holding ")
                                    .append(lastTarget));
        }
        return Step.none(want);
    }
}
