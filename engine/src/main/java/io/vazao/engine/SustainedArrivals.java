package io.vazao.engine;

/**
 * The arrival rate a queue has sustained: the arrivals per second averaged over a window of a tenth
 * of the policy's {@code targetDrainSeconds} (an exponential average with that time constant). The
 * demand takes the lower of this and the rate now: a rate must last to be sized for as a rate, and
 * a fall is believed at once.
 *
 * <p>Why: a batch published at once reads, on the next tick, as a huge arrival rate (the ready
 * figure grew by the whole batch in one tick, and the broker's publish rate shows it for a whole
 * statistics interval), while the same messages are already in the backlog. Sizing for both asked
 * for the ceiling on every spike whatever the drain target; taken as backlog, a batch is drained
 * within {@code targetDrainSeconds}, so that knob is what trades wait for workers. At the default
 * 30 s the window is 3 s: a burst still takes the queue to its ceiling on the next tick.
 *
 * <p>Pure: the state is a value kept in {@link QueueHistory}.
 *
 * @param rate the averaged arrivals per second
 * @param atMillis when it was last updated
 */
public record SustainedArrivals(double rate, long atMillis) {

    /** The averaging window as a fraction of targetDrainSeconds (chosen on the simulator). */
    static final double WINDOW_FRACTION = 0.1;

    /** The state after arrivals of {@code rate} per second were read at {@code nowMs}. */
    static SustainedArrivals update(
            SustainedArrivals s, double rate, long nowMs, int targetDrainSeconds) {
        double y = Math.max(0, rate);
        if (s == null) {
            return new SustainedArrivals(y, nowMs);
        }
        if (nowMs <= s.atMillis()) {
            return s;
        }
        double dt = (nowMs - s.atMillis()) / 1000.0;
        double keep = Math.exp(-dt / windowSeconds(targetDrainSeconds));
        return new SustainedArrivals(y + keep * (s.rate() - y), nowMs);
    }

    /** The averaging window for a drain target, in seconds. */
    static double windowSeconds(int targetDrainSeconds) {
        return Math.max(1, targetDrainSeconds) * WINDOW_FRACTION;
    }

    /** The arrivals per second the demand is sized for when the rate now is {@code now}. */
    double believed(double now) {
        return Math.min(Math.max(0, now), rate);
    }
}
