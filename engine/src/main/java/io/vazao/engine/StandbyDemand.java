package io.vazao.engine;

import io.vazao.contract.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * How many warm standby workers a queue keeps: as many as the largest scale-up of the last window
 * asked for at once, at least one and at most the configured number. A queue whose load rises
 * smoothly asks for one worker at a time and keeps one standby; a queue whose load jumps keeps
 * enough for the jump. Until one window has passed since the pool started there is no history, and
 * the pool keeps the configured number. The local scaler applies it, and the simulator models the
 * scaler with it.
 *
 * @param since epoch ms of the pool's first tick
 * @param jumps the window's scale-ups, oldest first
 */
public record StandbyDemand(long since, List<Jump> jumps) {

    /**
     * Scale-ups are remembered for the default scale-down window: standby workers are kept as long
     * as running workers are kept after the load that wanted them.
     */
    public static final long WINDOW_MILLIS =
            Policy.DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS * 1000L;

    /** A scale-up: {@code workers} more than the queue had, wanted at {@code at} (epoch ms). */
    public record Jump(long at, int workers) {}

    public StandbyDemand {
        jumps = List.copyOf(jumps);
    }

    /** A pool with no history yet. */
    public static StandbyDemand startingAt(long now) {
        return new StandbyDemand(now, List.of());
    }

    /**
     * This tick's shortfall (target minus the queue's workers, when positive) remembered; scale-ups
     * older than the window forgotten.
     */
    public StandbyDemand record(long now, int shortfall) {
        List<Jump> kept = new ArrayList<>();
        for (Jump j : jumps) {
            if (j.at() > now - WINDOW_MILLIS) {
                kept.add(j);
            }
        }
        if (shortfall > 0) {
            kept.add(new Jump(now, shortfall));
        }
        return new StandbyDemand(since, kept);
    }

    /** The standby workers to keep now, of at most {@code configured}. */
    public int wanted(long now, int configured) {
        if (configured <= 0) {
            return 0;
        }
        if (now - since < WINDOW_MILLIS) {
            return configured;
        }
        return Math.min(configured, Math.max(1, largestScaleUp(now)));
    }

    /** The largest scale-up of the window ending at {@code now}; 0 if there was none. */
    private int largestScaleUp(long now) {
        int largest = 0;
        for (Jump j : jumps) {
            if (j.at() > now - WINDOW_MILLIS) {
                largest = Math.max(largest, j.workers());
            }
        }
        return largest;
    }

    /** Why the pool holds what {@link #wanted} says, for the scaler's events. */
    public String reason(long now, int configured) {
        if (configured <= 0) {
            return "standby off";
        }
        if (now - since < WINDOW_MILLIS) {
            return "no scale-up history yet: the " + configured + " configured";
        }
        return "largest scale-up of the last "
                + WINDOW_MILLIS / 1000
                + " s: "
                + largestScaleUp(now)
                + ", pool of 1 to "
                + configured;
    }
}
