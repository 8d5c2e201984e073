package io.vazao.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * Holt-Winters (additive) forecast of a queue's arrival rate: a level and a trend, and, when the
 * policy names a season, one seasonal offset per slot of it. Updated once per tick with the arrival
 * rate the engine was given; asked for the rate {@code horizon} seconds ahead, so that workers
 * asked for now are consuming when those arrivals come.
 *
 * <p>Bounded: a forecast is never below 0 nor above {@link #PEAK_FACTOR} times the highest rate
 * seen recently (a peak that decays with a time constant of a minute or a season, whichever is
 * longer): it can bring capacity forward and follow a ramp, not invent load far beyond what was
 * seen. Pure: the state is a value kept in {@link QueueHistory}.
 */
public final class ArrivalForecast {

    /** Smoothing of the level, the trend and the season (fixed: chosen on the simulator). */
    static final double ALPHA = 0.5;

    static final double BETA = 0.2;
    static final double GAMMA = 0.3;

    /** At most this many seasonal slots per queue: a daily season gets one slot per minute. */
    static final int MAX_SLOTS = 1_440;

    static final double MIN_PEAK_SECONDS = 60;

    /** Forecasts below one message per second are taken as no arrivals. */
    static final double MIN_RATE = 1.0;

    /** A forecast may reach this multiple of the highest rate seen recently, no more. */
    static final double PEAK_FACTOR = 2;

    private ArrivalForecast() {}

    /**
     * @param level smoothed arrivals per second, seasonal part removed
     * @param trend change of the level per second
     * @param season seasonal offsets (arrivals per second), one per slot; empty without a season
     * @param slotMillis width of one seasonal slot
     * @param atMillis when the state was last updated
     * @param peak the highest rate seen recently, decayed
     */
    public record State(
            double level,
            double trend,
            double[] season,
            long slotMillis,
            long atMillis,
            double peak) {

        /** By value, season included: a replayed trace must compare equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof State x
                    && level == x.level
                    && trend == x.trend
                    && Arrays.equals(season, x.season)
                    && slotMillis == x.slotMillis
                    && atMillis == x.atMillis
                    && peak == x.peak;
        }

        @Override
        public int hashCode() {
            return Objects.hash(level, trend, Arrays.hashCode(season), slotMillis, atMillis, peak);
        }

        @Override
        public String toString() {
            return "State[level=%s, trend=%s, season=%s, peak=%s]"
                    .formatted(level, trend, Arrays.toString(season), peak);
        }
    }

    /** The state after observing {@code rate} arrivals per second at {@code nowMs}. */
    public static State update(
            State s, double rate, long nowMs, int seasonSeconds, long tickMillis) {
        double y = Math.max(0, rate);
        int slots = slots(seasonSeconds, tickMillis);
        long slotMillis = slots == 0 ? 0 : Math.max(1, seasonSeconds * 1000L / slots);
        if (s == null || s.season().length != slots || s.slotMillis() != slotMillis) {
            return new State(y, 0, new double[slots], slotMillis, nowMs, y);
        }
        double dt = (nowMs - s.atMillis()) / 1000.0;
        if (dt <= 0) {
            return s;
        }
        double[] season = slots == 0 ? s.season() : s.season().clone();
        int slot = slots == 0 ? 0 : slot(s, nowMs);
        double offset = slots == 0 ? 0 : season[slot];
        double level = ALPHA * (y - offset) + (1 - ALPHA) * (s.level() + s.trend() * dt);
        double trend = BETA * (level - s.level()) / dt + (1 - BETA) * s.trend();
        if (slots > 0) {
            season[slot] = GAMMA * (y - level) + (1 - GAMMA) * offset;
        }
        double memory = Math.max(MIN_PEAK_SECONDS, seasonSeconds);
        double peak = Math.max(y, s.peak() * Math.exp(-dt / memory));
        return new State(level, trend, season, slotMillis, nowMs, peak);
    }

    /** Arrivals per second expected {@code horizonSeconds} after the state's last update. */
    public static double at(State s, int horizonSeconds) {
        long then = s.atMillis() + horizonSeconds * 1000L;
        double offset = s.season().length == 0 ? 0 : s.season()[slot(s, then)];
        double f = s.level() + s.trend() * horizonSeconds + offset;
        return Math.max(0, Math.min(PEAK_FACTOR * s.peak(), f));
    }

    private static int slots(int seasonSeconds, long tickMillis) {
        if (seasonSeconds <= 0) {
            return 0;
        }
        long perTick = seasonSeconds * 1000L / Math.max(1, tickMillis);
        return (int) Math.max(2, Math.min(MAX_SLOTS, perTick));
    }

    private static int slot(State s, long atMs) {
        return (int) Math.floorMod(Math.floorDiv(atMs, s.slotMillis()), (long) s.season().length);
    }
}
