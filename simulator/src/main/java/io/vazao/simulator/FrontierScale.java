package io.vazao.simulator;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How one axis of the trade-off chart maps values: logarithmic when every value is positive and
 * they span more than a factor of 20 (the knobs are swept geometrically), linear from 0 otherwise.
 *
 * @param lower the axis' lower end
 * @param upper the largest value
 * @param log whether the axis is logarithmic
 */
record FrontierScale(double lower, double upper, boolean log) {

    static final double LOG_SPAN = 20;

    static FrontierScale of(List<FrontierPoint> points, ToDoubleFunction<FrontierPoint> value) {
        double min = points.stream().mapToDouble(value).min().orElse(0);
        double max = points.stream().mapToDouble(value).max().orElse(0);
        boolean log = min > 0 && max / min > LOG_SPAN;
        return new FrontierScale(log ? min / 2 : 0, max, log);
    }

    /** Where {@code v} falls between the axis' ends, from 0 to 1. */
    double at(double v) {
        if (upper <= lower) {
            return 0;
        }
        return log ? Math.log(v / lower) / Math.log(upper / lower) : (v - lower) / (upper - lower);
    }

    /**
     * Whether two points fall within {@code fraction} of both axes of each other: their labels
     * would overlap.
     */
    static boolean near(
            FrontierScale x, FrontierScale y, FrontierPoint a, FrontierPoint b, double fraction) {
        return Math.abs(x.at(a.workerSeconds()) - x.at(b.workerSeconds())) < fraction
                && Math.abs(y.at(a.meanWaitSeconds()) - y.at(b.meanWaitSeconds())) < fraction;
    }
}
