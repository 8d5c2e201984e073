package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One piece of a {@link Scenario}'s arrival pattern for one queue. Times are seconds from the start
 * of the scenario; a segment covers {@code [from, to)}.
 *
 * <ul>
 *   <li>{@code steady}: {@code rate} messages/s
 *   <li>{@code ramp}: linearly from {@code rateFrom} to {@code rateTo} messages/s
 *   <li>{@code sine}: {@code mean + amplitude × sin(2π (t − from) / periodSeconds)} messages/s,
 *       never below 0
 *   <li>{@code burst}: {@code count} messages at once at {@code at}
 *   <li>{@code spikes}: {@code count} messages at once every {@code every} seconds from {@code
 *       from}
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Segment(
        String kind,
        double from,
        double to,
        double rate,
        double rateFrom,
        double rateTo,
        double mean,
        double amplitude,
        double periodSeconds,
        long count,
        double at,
        double every) {

    public static Segment steady(double rate, double from, double to) {
        return new Segment("steady", from, to, rate, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static Segment burst(long count, double at) {
        return new Segment("burst", 0, 0, 0, 0, 0, 0, 0, 0, count, at, 0);
    }

    /** The continuous arrival rate of this segment at time t (messages/s); 0 outside it. */
    public double rateAt(double t) {
        if (t < from || t >= to) {
            return 0;
        }
        return switch (kind) {
            case "steady" -> rate;
            case "ramp" -> rateFrom + (rateTo - rateFrom) * (t - from) / (to - from);
            case "sine" ->
                    Math.max(
                            0,
                            mean + amplitude * Math.sin(2 * Math.PI * (t - from) / periodSeconds));
            default -> 0;
        };
    }

    /** Messages released at once in {@code [t0, t1)} by a burst or a spike train. */
    public long burstIn(double t0, double t1) {
        return switch (kind) {
            case "burst" -> at >= t0 && at < t1 ? count : 0;
            case "spikes" -> {
                long n = 0;
                for (double s = from; s < to; s += every) {
                    if (s >= t0 && s < t1) {
                        n += count;
                    }
                }
                yield n;
            }
            default -> 0;
        };
    }

    /** When this segment stops producing messages. */
    public double end() {
        return "burst".equals(kind) ? at : to;
    }

    /** Problems with this segment, as "field: rule" strings; empty when it is valid. */
    public java.util.List<String> problems() {
        java.util.List<String> p = new java.util.ArrayList<>();
        switch (kind == null ? "" : kind) {
            case "steady" -> {
                if (rate < 0) p.add("rate: must be >= 0");
            }
            case "ramp" -> {
                if (rateFrom < 0 || rateTo < 0) p.add("rateFrom/rateTo: must be >= 0");
            }
            case "sine" -> {
                if (periodSeconds <= 0) p.add("periodSeconds: must be > 0");
                if (mean < 0) p.add("mean: must be >= 0");
            }
            case "burst" -> {
                if (count <= 0) p.add("count: must be > 0");
                if (at < 0) p.add("at: must be >= 0");
            }
            case "spikes" -> {
                if (count <= 0) p.add("count: must be > 0");
                if (every <= 0) p.add("every: must be > 0");
            }
            default -> p.add("kind: must be one of steady, ramp, sine, burst, spikes; got " + kind);
        }
        if (!"burst".equals(kind) && to <= from) {
            p.add("to: must be greater than from");
        }
        return p;
    }
}
