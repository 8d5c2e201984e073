package io.vazao.engine;

import io.vazao.contract.Mode;
import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import java.util.List;

/**
 * The per-queue half of a decision, before the budget is shared: a queue's bounds checked, then
 * held (inputs missing), paused, the seed formula or the adaptive rules; and memory recycling.
 */
final class QueuePlanning {

    private final AdaptiveRules adaptive;

    QueuePlanning(AdaptiveRules adaptive) {
        this.adaptive = adaptive;
    }

    QueuePlan plan(
            QueueSnapshot qs,
            Policy policy,
            Settings settings,
            QueueHistory qh,
            long nowMs,
            List<String> errors,
            List<Recycle> recycle) {
        QueuePlan p = new QueuePlan();
        p.queue = qs.queue();
        p.inputs = qs.inputs();
        p.previous = Math.max(0, qh.lastTarget());
        p.rate = qh.perWorkerRate();
        p.depth = qh.lastDepth();
        p.panicUntil = qh.panicUntilMillis();
        p.forecast = qh.forecast();
        p.sustained = qh.sustained();
        p.recommendations = qh.recommendations();

        memoryCheck(qs, settings, recycle);

        if (policy == null) {
            errors.add("queue " + p.queue + " has no policy: its target is held");
            hold(p, qh, qs, 0, Integer.MAX_VALUE, "no policy");
            return p;
        }
        int max = Math.max(0, policy.maxWorkers());
        int min = Math.min(max, Math.max(0, policy.minWorkers()));
        checkBounds(p, policy, errors);
        if (policy.paused()) {
            pause(p, nowMs);
            return p;
        }
        if (p.inputs == null) {
            hold(p, qh, qs, min, max, "inputs missing (broker or heartbeats unreadable)");
            return p;
        }
        if (policy.mode() == Mode.SEED) {
            seed(p, policy, min, max, nowMs, errors);
            return p;
        }
        adaptive.plan(p, policy, settings, qs, qh, min, max, nowMs, errors);
        return p;
    }

    /** Bad bounds and weights are configuration errors, with the values used instead. */
    private static void checkBounds(QueuePlan p, Policy policy, List<String> errors) {
        int max = Math.max(0, policy.maxWorkers());
        int min = Math.max(0, policy.minWorkers());
        if (min > max) {
            errors.add(
                    "queue "
                            + p.queue
                            + ": minWorkers "
                            + min
                            + " > maxWorkers "
                            + max
                            + ": using "
                            + max
                            + " for both");
        }
        double weight = policy.weight();
        if (!(weight > 0) || Double.isInfinite(weight)) {
            errors.add(
                    "queue "
                            + p.queue
                            + ": weight "
                            + weight
                            + " must be a positive number: using 0.001");
            weight = 0.001;
        }
        p.weight = weight;
    }

    private static void pause(QueuePlan p, long nowMs) {
        p.floor = 0;
        p.want = 0;
        p.recommendations = List.of(new QueueHistory.Recommendation(nowMs, 0));
        p.panicUntil = 0;
        if (p.inputs != null) {
            p.depth = p.inputs.depth();
        }
        p.reason.append("paused -> 0 workers");
    }

    private static void memoryCheck(QueueSnapshot qs, Settings settings, List<Recycle> recycle) {
        long limit = settings.maxMemoryPerWorkerBytes();
        if (limit <= 0) {
            return;
        }
        for (WorkerSample w : qs.workers()) {
            if (w.rssBytes() > limit) {
                StringBuilder sb = new StringBuilder("RSS ");
                Num.mib(sb, w.rssBytes()).append(" > limit ");
                Num.mib(sb, limit);
                recycle.add(new Recycle(qs.queue(), w.workerId(), sb.toString()));
            }
        }
    }

    /** Missing inputs: keep the last target; with none, keep the live workers (clamped). */
    private static void hold(
            QueuePlan p, QueueHistory qh, QueueSnapshot qs, int min, int max, String why) {
        p.held = true;
        int held;
        if (qh.lastTarget() >= 0) {
            held = qh.lastTarget();
            p.reason.append(why).append(": holding last target ").append(held);
        } else {
            held = Math.max(min, Math.min(max, qs.workers().size()));
            p.previous = held;
            p.reason
                    .append(why)
                    .append(", no previous target: holding ")
                    .append(held)
                    .append(" (")
                    .append(qs.workers().size())
                    .append(" live workers, within [")
                    .append(min)
                    .append(", ")
                    .append(max)
                    .append("])");
        }
        p.floor = held;
        p.want = held;
        p.demand = held;
    }

    private static void seed(
            QueuePlan p, Policy policy, int min, int max, long nowMs, List<String> errors) {
        int perWorker = policy.messagesPerWorker();
        if (perWorker <= 0) {
            errors.add(
                    "queue "
                            + p.queue
                            + ": messagesPerWorker "
                            + perWorker
                            + " must be > 0: using 1");
            perWorker = 1;
        }
        long ready = p.inputs.ready();
        long raw = SeedRule.raw(ready, policy.weight(), perWorker);
        int target = SeedRule.clamp(raw, min, max);
        p.demand = (int) Math.min(Integer.MAX_VALUE, raw);
        p.floor = target;
        p.want = target;
        p.depth = p.inputs.depth();
        p.recommendations = List.of(new QueueHistory.Recommendation(nowMs, target));
        p.panicUntil = 0;
        p.reason.append("seed rule: int(ready ").append(ready).append(" x weight ");
        Num.append(p.reason, policy.weight())
                .append(") // ")
                .append(perWorker)
                .append(" + 1 = ")
                .append(raw)
                .append(" -> clamp [")
                .append(min)
                .append(", ")
                .append(max)
                .append("] -> ")
                .append(target);
    }
}
