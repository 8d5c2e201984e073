package io.vazao.engine;

import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.Settings;
import java.util.List;

/**
 * The adaptive rules for one queue, each returning its value and clause ({@link Step}): demand from
 * arrivals and backlog at the per-worker rate, the CPU rule, the clamp, the rate-limit cap, then
 * panic ({@link Panic}) and stabilization ({@link Stabilization}). The reason is assembled from the
 * clauses afterwards ({@link Reason}).
 */
final class AdaptiveRules {

    private final long panicWindowMillis;

    AdaptiveRules(long panicWindowMillis) {
        this.panicWindowMillis = panicWindowMillis;
    }

    void plan(
            QueuePlan p,
            Policy policy,
            Settings settings,
            QueueSnapshot qs,
            QueueHistory qh,
            int min,
            int max,
            long nowMs,
            List<String> errors) {
        QueueInputs in = p.inputs;
        p.depth = in.depth();
        p.backlogSince = ServiceRate.backlogSince(qh.backlogSinceMillis(), in, nowMs);
        p.rate =
                ServiceRate.smooth(
                        qh.perWorkerRate(),
                        in,
                        expectedOrCold(policy, settings),
                        ServiceRate.saturated(p.backlogSince, nowMs));
        PerWorkerRate rate = PerWorkerRate.of(p.rate, policy, coldRate(policy, settings));
        if (rate.cold() && policy.messagesPerWorker() <= 0) {
            errors.add(
                    "queue "
                            + p.queue
                            + ": messagesPerWorker "
                            + policy.messagesPerWorker()
                            + " must be > 0: using 1 message per worker per tick");
        }
        int demand = demand(p, policy, settings, rate, nowMs);
        Reason reason = new Reason(p.reason, demand);

        Step cpu = cpuRule(qs, qh, in.liveWorkers(), settings, demand);
        Step clamp = clamp(cpu.value(), min, max);
        Step capped = rateLimitCap(policy, rate.perWorker(), clamp.value(), min);
        int desired = capped.value();
        reason.add(cpu).add(clamp).add(capped);

        int current = qh.lastTarget() >= 0 ? qh.lastTarget() : in.liveWorkers();
        Panic.Start panic = Panic.start(desired, current, p.panicUntil, nowMs, panicWindowMillis);
        p.panicUntil = panic.until();
        reason.note(panic.text());

        long windowMs = Math.max(0, policy.scaleDownStabilizationSeconds()) * 1000L;
        Stabilization.Result window =
                Stabilization.apply(qh.recommendations(), desired, nowMs, windowMs);
        p.recommendations = window.recommendations();
        Step held = Panic.hold(window.want(), qh.lastTarget(), p.panicUntil, nowMs);
        int windowed = Math.max(min, Math.min(max, held.value()));
        Step partial = partialFigures(in, windowed, qh.lastTarget(), max);
        int want = partial.value();
        reason.add(held)
                .add(Stabilization.explain(desired, windowed, windowMs))
                .add(partial)
                .end(want, demand, min);
        p.floor = min;
        p.want = want;
        p.need = desired;
    }

    /**
     * Workers for the arrivals (the rate sustained, or expected one forecast horizon ahead when
     * that needs more) and for the backlog drained within targetDrainSeconds; the clause says
     * which.
     */
    private static int demand(
            QueuePlan p, Policy policy, Settings settings, PerWorkerRate rate, long nowMs) {
        QueueInputs in = p.inputs;
        int drain = Math.max(1, policy.targetDrainSeconds());
        double now = Math.max(0, in.publishRate());
        p.sustained = SustainedArrivals.update(p.sustained, now, nowMs, drain);
        double arrivals = p.sustained.believed(now);
        int demand = demand(arrivals, in.depth(), drain, rate);
        double expected = forecast(p, policy, settings, arrivals, nowMs);
        int ahead = demand(expected, in.depth(), drain, rate);
        p.demand = Math.max(demand, ahead);
        demandClause(p.reason, in, drain, arrivals, p.demand, rate);
        if (arrivals < now) {
            sustainedClause(p.reason, now, drain);
        }
        if (ahead > demand) {
            forecastClause(p.reason, expected, policy);
        }
        return p.demand;
    }

    private static int demand(double arrivals, long depth, int drain, PerWorkerRate rate) {
        double raw = (arrivals + depth / (double) drain) / rate.perWorker();
        return raw <= 1e-9 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.ceil(raw - 1e-9));
    }

    /**
     * The arrivals expected one horizon ahead (0 when the policy's forecast is off); updates the
     * queue's forecast state with the arrivals now.
     */
    private static double forecast(
            QueuePlan p, Policy policy, Settings settings, double arrivals, long nowMs) {
        int horizon = policy.forecastHorizonSeconds();
        if (horizon <= 0) {
            p.forecast = null;
            return 0;
        }
        p.forecast =
                ArrivalForecast.update(
                        p.forecast,
                        arrivals,
                        nowMs,
                        policy.forecastSeason(),
                        settings.tickMillis());
        double expected = ArrivalForecast.at(p.forecast, horizon);
        // What is left of a past burst as the level decays is not a forecast of arrivals.
        return expected < ArrivalForecast.MIN_RATE ? 0 : expected;
    }

    private static void sustainedClause(StringBuilder r, double now, int drain) {
        r.append(" (");
        Num.append(r, now).append("/s now, not sustained over ");
        Num.append(r, SustainedArrivals.windowSeconds(drain)).append(" s: counted as backlog)");
    }

    private static void forecastClause(StringBuilder r, double expected, Policy policy) {
        r.append(" (forecast ");
        Num.append(r, expected)
                .append("/s arrivals in ")
                .append(policy.forecastHorizonSeconds())
                .append(" s");
        if (policy.forecastSeason() > 0) {
            r.append(", season ").append(policy.forecastSeason()).append(" s");
        }
        r.append(')');
    }

    /**
     * Figures without unacked and rates (management API down) make a busy queue look idle: they may
     * raise a target (the ready backlog is real) but never lower it.
     */
    static Step partialFigures(QueueInputs in, int want, int lastTarget, int max) {
        if (!in.partial() || lastTarget < 0 || want >= lastTarget) {
            return Step.none(want);
        }
        int kept = Math.min(lastTarget, max);
        return kept <= want
                ? Step.none(want)
                : new Step(
                        kept,
                        c ->
                                c.append(
                                                "figures partial (management API unreadable:"
                                                        + " unacked and rates unknown): no"
                                                        + " scale-down, held at ")
                                        .append(kept));
    }

    private static double expectedOrCold(Policy policy, Settings settings) {
        Double expected = policy.expectedRatePerWorker();
        return expected != null && expected > 0 ? expected : coldRate(policy, settings);
    }

    private static void demandClause(
            StringBuilder r,
            QueueInputs in,
            int drain,
            double arrivals,
            int demand,
            PerWorkerRate rate) {
        if (demand == 0) {
            r.append("no backlog and no arrivals -> demand 0");
            return;
        }
        r.append("backlog ")
                .append(in.depth())
                .append(" (ready ")
                .append(in.ready())
                .append(" + unacked ")
                .append(in.unacked())
                .append(") / ")
                .append(drain)
                .append(" s + ");
        Num.append(r, arrivals).append("/s arrivals -> demand ").append(demand).append(" at ");
        Num.append(r, rate.perWorker()).append("/s per worker (").append(rate.source()).append(')');
    }

    /**
     * Hot workers while the backlog grows: the rate estimate is too optimistic, so one more than
     * now.
     */
    private static Step cpuRule(
            QueueSnapshot qs, QueueHistory qh, int liveWorkers, Settings settings, int desired) {
        long depth = qs.inputs().depth();
        if (qs.workers().isEmpty() || qh.lastDepth() < 0 || depth <= qh.lastDepth()) {
            return Step.none(desired);
        }
        double cpu = meanCpu(qs.workers());
        int current = qh.lastTarget() >= 0 ? qh.lastTarget() : liveWorkers;
        if (cpu <= settings.cpuHighPercent() || current + 1 <= desired) {
            return Step.none(desired);
        }
        return new Step(
                current + 1,
                c -> {
                    c.append("workers at ");
                    Num.append(c, cpu).append("% CPU > ");
                    Num.append(c, settings.cpuHighPercent())
                            .append("% with backlog growing ")
                            .append(qh.lastDepth())
                            .append(" -> ")
                            .append(depth)
                            .append(": under-provisioned, at least ")
                            .append(current + 1);
                });
    }

    private static double meanCpu(List<WorkerSample> workers) {
        double sum = 0;
        for (WorkerSample w : workers) {
            sum += w.cpuPercent();
        }
        return sum / workers.size();
    }

    private static Step clamp(int desired, int min, int max) {
        int clamped = Math.max(min, Math.min(max, desired));
        return clamped == desired
                ? Step.none(desired)
                : new Step(
                        clamped,
                        c ->
                                c.append("clamp [")
                                        .append(min)
                                        .append(", ")
                                        .append(max)
                                        .append("] -> ")
                                        .append(clamped));
    }

    /** No more workers than the rate limit can keep busy. */
    private static Step rateLimitCap(Policy policy, double perWorker, int desired, int min) {
        if (!policy.hasRateLimit()) {
            return Step.none(desired);
        }
        double cap = Math.ceil(policy.rateLimitPerSecond() / perWorker - 1e-9);
        int capped = (int) Math.max(min, cap);
        if (desired <= cap || capped >= desired) {
            return Step.none(desired);
        }
        return new Step(
                capped,
                c -> {
                    c.append("rate limit ");
                    Num.append(c, policy.rateLimitPerSecond()).append("/s / ");
                    Num.append(c, perWorker).append("/s caps at ").append(capped);
                });
    }

    /** The seed's sizing as a rate: messagesPerWorker per tick. */
    static double coldRate(Policy policy, Settings settings) {
        double tickSeconds = Math.max(1, settings.tickMillis()) / 1000.0;
        return Math.max(1, policy.messagesPerWorker()) / tickSeconds;
    }
}
