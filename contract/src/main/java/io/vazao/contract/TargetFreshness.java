package io.vazao.contract;

/**
 * Tells fresh targets from stale ones without comparing two machines' clocks: every target write
 * increments {@code vazao:targets:tick} ({@link RedisKeys#targetsTick()}); a reader notes, on its
 * own clock, when it last saw that counter change, and calls the targets stale once it has not
 * changed for {@code staleAfterMillis}. A writer that predates the counter (none ever seen) is
 * never called stale. Not thread-safe: one reader owns one instance.
 */
public final class TargetFreshness {

    /**
     * ISO-8601, so that configuration defaults can use it: a few ticks of the default 1 s, with
     * margin.
     */
    public static final String DEFAULT_STALE_AFTER = "PT15S";

    private final long staleAfterMillis;
    private String lastTick;
    private long changedAt;
    private boolean reportedStale;

    public TargetFreshness(long staleAfterMillis) {
        this.staleAfterMillis = staleAfterMillis;
    }

    /**
     * Notes the counter as read at {@code nowMillis} (the reader's own clock); null: no counter.
     */
    public void observe(String tick, long nowMillis) {
        if (tick != null && !tick.equals(lastTick)) {
            lastTick = tick;
            changedAt = nowMillis;
        }
    }

    /**
     * Notes the counter as {@link #observe} does and tells whether the targets turned stale or
     * fresh since the last call, so that a reader says so once per change ({@link
     * #reportedStale()}).
     */
    public boolean changed(String tick, long nowMillis) {
        observe(tick, nowMillis);
        boolean now = stale(nowMillis);
        if (now == reportedStale) {
            return false;
        }
        reportedStale = now;
        return true;
    }

    /** What the last {@link #changed} call found. */
    public boolean reportedStale() {
        return reportedStale;
    }

    public boolean stale(long nowMillis) {
        return lastTick != null && nowMillis - changedAt > staleAfterMillis;
    }

    /** How long the counter has not changed, for messages (0 before it was ever seen). */
    public long unchangedForMillis(long nowMillis) {
        return lastTick == null ? 0 : nowMillis - changedAt;
    }
}
